import Foundation
import PatrolCore

/// A ground robot as a unicycle: it drives along its heading and turns at a bounded rate.
///
/// It turns in place when the target is far off its heading, brakes to stop at the end of its path,
/// and never moves into a place the `blocked` predicate refuses (buildings, keep-out, people).
public struct RobotBody: Sendable {
    public var position: Point2
    /// Compass bearing of the body, degrees.
    public var headingDeg: Double
    /// Forward speed, metres per second, >= 0.
    public var speedMPS: Double
    public let maxSpeedMPS: Double
    public let maxAccelMPS2: Double
    public let maxTurnRateDPS: Double

    /// Heading errors above this turn the robot in place before it drives.
    static let driveToleranceDeg = 50.0

    public init(position: Point2, headingDeg: Double = 0, maxSpeedMPS: Double, maxAccelMPS2: Double = 1,
                maxTurnRateDPS: Double = DeviceKind.robotTurnRateDPS) {
        self.position = position
        self.headingDeg = headingDeg
        self.speedMPS = 0
        self.maxSpeedMPS = maxSpeedMPS
        self.maxAccelMPS2 = maxAccelMPS2
        self.maxTurnRateDPS = maxTurnRateDPS
    }

    /// The signed turn from `fromDeg` to `toDeg`, in (-180, 180].
    static func signedTurnDeg(from fromDeg: Double, to toDeg: Double) -> Double {
        let turn = Heading.normalized(toDeg - fromDeg)
        return turn > 180 ? turn - 360 : turn
    }

    /// Advances one step toward `target`.
    /// - Parameters:
    ///   - target: the next point of the path.
    ///   - remainingM: path length left to the stop point (for braking), metres.
    ///   - cruiseMPS: the wanted speed.
    ///   - speedCapMPS: an extra limit this step (people ahead), metres per second.
    ///   - dtS: step length, seconds.
    ///   - blocked: true for a position the robot must not enter.
    /// - Returns: the distance driven, metres.
    @discardableResult
    public mutating func step(toward target: Point2, remainingM: Double, cruiseMPS: Double, speedCapMPS: Double,
                              dtS: Double, blocked: (Point2) -> Bool) -> Double {
        let offset = target - position
        if offset.length > 1e-6 {
            let error = Self.signedTurnDeg(from: headingDeg, to: Heading.bearingDeg(of: offset))
            let maxTurn = maxTurnRateDPS * dtS
            headingDeg = Heading.normalized(headingDeg + min(maxTurn, max(-maxTurn, error)))
        }
        let error = offset.length > 1e-6
            ? abs(Self.signedTurnDeg(from: headingDeg, to: Heading.bearingDeg(of: offset))) : 0
        var wanted = min(cruiseMPS, maxSpeedMPS, speedCapMPS, (2 * maxAccelMPS2 * remainingM).squareRoot(),
                         offset.length / dtS)
        if error > Self.driveToleranceDeg { wanted = 0 } else { wanted *= cos(error * .pi / 180) }
        let maxChange = maxAccelMPS2 * dtS
        speedMPS = max(0, min(speedMPS + maxChange, max(speedMPS - maxChange, wanted)))
        let next = position + Heading.unitVector(bearingDeg: headingDeg) * (speedMPS * dtS)
        if blocked(next) {
            // An emergency stop is allowed to exceed the braking limit: safety first.
            speedMPS = 0
            return 0
        }
        let driven = speedMPS * dtS
        position = next
        return driven
    }

    /// Turns in place toward a compass bearing; returns true once aligned within a degree.
    public mutating func turn(towardDeg bearingDeg: Double, dtS: Double) -> Bool {
        speedMPS = 0
        let error = Self.signedTurnDeg(from: headingDeg, to: bearingDeg)
        let maxTurn = maxTurnRateDPS * dtS
        headingDeg = Heading.normalized(headingDeg + min(maxTurn, max(-maxTurn, error)))
        return abs(error) <= maxTurn + 1
    }
}
