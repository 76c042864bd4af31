import PatrolCore

/// A drone as a point mass: bounded air speed, acceleration and climb rate, pushed by the wind.
///
/// The flight controller commands a ground velocity toward the target with a braking profile
/// (`v = sqrt(2 a d)`), limits the change to `maxAccelMPS2 * dt`, then limits the air speed
/// (ground velocity minus wind) to `maxSpeedMPS`; a headwind therefore slows the drone down.
public struct DroneBody: Sendable {
    public var position: Point3
    /// Ground velocity, metres per second.
    public var velocity: Point3
    public let maxSpeedMPS: Double
    public let maxAccelMPS2: Double
    public let maxClimbMPS: Double

    public init(position: Point3, maxSpeedMPS: Double, maxAccelMPS2: Double = 3, maxClimbMPS: Double = 3) {
        self.position = position
        self.velocity = Point3(x: 0, y: 0, z: 0)
        self.maxSpeedMPS = maxSpeedMPS
        self.maxAccelMPS2 = maxAccelMPS2
        self.maxClimbMPS = maxClimbMPS
    }

    /// Horizontal ground speed, metres per second.
    public var groundSpeedMPS: Double { Point2(x: velocity.x, y: velocity.y).length }

    /// Advances one step toward `target`.
    /// - Parameters:
    ///   - target: where to go (z: altitude above ground).
    ///   - cruiseMPS: the wanted horizontal speed, at most `maxSpeedMPS`.
    ///   - wind: wind velocity, metres per second (east, north).
    ///   - dtS: step length, seconds.
    /// - Returns: the distance flown through the air this step, metres (what the battery pays for).
    ///   - brake: stop at the target (false: fly through it toward the next one).
    @discardableResult
    public mutating func step(toward target: Point3, cruiseMPS: Double, wind: Point2, dtS: Double,
                              brake: Bool = true) -> Double {
        let offset = target.ground - position.ground
        let distance = offset.length
        let cruise = min(cruiseMPS, maxSpeedMPS)
        // Brake so as to stop at the target; never ask for more than covers the gap in one step.
        let wantedSpeed = brake ? min(cruise, (2 * maxAccelMPS2 * distance).squareRoot(), distance / dtS) : cruise
        let wanted = distance > 1e-9 ? offset * (wantedSpeed / distance) : .zero
        var change = wanted - Point2(x: velocity.x, y: velocity.y)
        let maxChange = maxAccelMPS2 * dtS
        if change.length > maxChange { change = change * (maxChange / change.length) }
        var ground = Point2(x: velocity.x, y: velocity.y) + change
        var air = ground - wind
        if air.length > maxSpeedMPS { air = air * (maxSpeedMPS / air.length) }
        ground = air + wind

        let climbWanted = (target.z - position.z) / dtS
        let climb = min(maxClimbMPS, max(-maxClimbMPS, climbWanted))

        velocity = Point3(x: ground.x, y: ground.y, z: climb)
        position = Point3(x: position.x + ground.x * dtS, y: position.y + ground.y * dtS,
                          z: max(0, position.z + climb * dtS))
        return air.length * dtS
    }

    /// Lands or parks: zero velocity at the given position.
    public mutating func stop() {
        velocity = Point3(x: 0, y: 0, z: 0)
    }
}
