import Foundation
import PatrolCore

/// Collects what the replay page shows: device positions over time, the staleness heat (downsampled),
/// routes as they are assigned, alerts and incidents.
public struct ReplayRecorder: Sendable {
    public struct DeviceFrame: Sendable {
        public var timeS: Double
        /// Per device: x, y, heading (deg), state code (see `stateCodes`), battery fraction.
        public var devices: [[Double]]
    }

    public struct HeatFrame: Sendable {
        public var timeS: Double
        /// Row-major, row 0 south, one character per heat cell: '0'...'9' idleness / target in tenths
        /// (9: at or over the target), '.' where nothing is evaluated.
        public var cells: String
    }

    public struct RouteRecord: Sendable {
        public var timeS: Double
        public var device: Int
        public var points: [[Double]]
    }

    public struct AlertRecord: Sendable {
        public var timeS: Double
        public var kind: String
        public var message: String
        public var x: Double
        public var y: Double
    }

    /// Order of the state codes in device frames.
    public static let stateCodes = ["idle", "patrolling", "returning", "charging", "dispatched", "holding", "crashed",
                                    "depleted"]

    public let frameIntervalS: Double
    public let heatIntervalS: Double
    public let heatWidth: Int
    public let heatHeight: Int
    /// Heat cell edge, metres.
    public let heatCellM: Double
    private let heatCellOfSlot: [Int32]
    private var nextFrameS = 0.0
    private var nextHeatS = 0.0
    public private(set) var frames: [DeviceFrame] = []
    public private(set) var heat: [HeatFrame] = []
    public private(set) var routes: [RouteRecord] = []
    public private(set) var alerts: [AlertRecord] = []

    /// - Parameters:
    ///   - grid: the site raster.
    ///   - evaluatedCells: the ground-truth cells, in slot order.
    ///   - durationS: run length, to choose intervals that keep the page small.
    public init(grid: SiteGrid, evaluatedCells: [Int], durationS: Double) {
        frameIntervalS = max(1, (durationS / 900).rounded(.up))
        heatIntervalS = max(5, (durationS / 120).rounded(.up))
        let factor = max(1, Int((Double(max(grid.width, grid.height)) / 96).rounded(.up)))
        heatWidth = (grid.width + factor - 1) / factor
        heatHeight = (grid.height + factor - 1) / factor
        heatCellM = grid.cellM * Double(factor)
        heatCellOfSlot = evaluatedCells.map { cell in
            let col = cell % grid.width / factor, row = cell / grid.width / factor
            return Int32(row * ((grid.width + factor - 1) / factor) + col)
        }
    }

    public func wantsDeviceFrame(at nowS: Double) -> Bool { nowS >= nextFrameS }
    public func wantsHeatFrame(at nowS: Double) -> Bool { nowS >= nextHeatS }

    public mutating func recordDevices(_ devices: [SimDevice], at nowS: Double) {
        nextFrameS = nowS + frameIntervalS
        frames.append(DeviceFrame(timeS: nowS, devices: devices.map { device in
            [Self.rounded(device.position.x), Self.rounded(device.position.y), Self.rounded(device.headingDeg),
             Double(Self.stateCode(device.mode)), Self.rounded(device.battery.fraction)]
        }))
    }

    /// Records the heat: per heat cell the worst idleness ratio of its evaluated cells.
    public mutating func recordHeat(idlenessS: [Double], targetsS: (Int) -> Double, at nowS: Double) {
        nextHeatS = nowS + heatIntervalS
        var worst = [Double](repeating: -1, count: heatWidth * heatHeight)
        for slot in idlenessS.indices {
            let cell = Int(heatCellOfSlot[slot])
            worst[cell] = max(worst[cell], idlenessS[slot] / targetsS(slot))
        }
        var text = ""
        text.reserveCapacity(worst.count)
        for ratio in worst {
            text.append(ratio < 0 ? "." : Character(String(min(9, Int(ratio * 10)))))
        }
        heat.append(HeatFrame(timeS: nowS, cells: text))
    }

    public mutating func recordRoute(device: Int, points: [Point2], at nowS: Double) {
        routes.append(RouteRecord(timeS: nowS, device: device,
                                  points: points.map { [Self.rounded($0.x), Self.rounded($0.y)] }))
    }

    public mutating func recordAlert(kind: String, message: String, at position: Point2, timeS: Double) {
        alerts.append(AlertRecord(timeS: timeS, kind: kind, message: message, x: Self.rounded(position.x),
                                  y: Self.rounded(position.y)))
    }

    static func stateCode(_ mode: DeviceMode) -> Int {
        switch mode {
        case .idle: 0
        case .patrolling: 1
        case .returning: 2
        case .charging: 3
        case .dispatched: 4
        case .holding: 5
        case .crashed: 6
        case .depleted: 7
        }
    }

    /// Two decimals keep the page small and the numbers stable.
    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
