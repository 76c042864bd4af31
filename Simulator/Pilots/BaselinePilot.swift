import Foundation
import PatrolCore

/// The baselines the hub's planner is compared with; the simulator drives the devices itself.
///
/// - random walk: each device goes to a random reachable place, then another, forever;
/// - lawnmower: the site's bounding box is cut into one vertical strip per device, and each device sweeps
///   its strip boustrophedon (up one lane, down the next) with lanes one camera swath apart, cyclically.
public struct BaselinePilot: Sendable {
    public enum Kind: Sendable { case randomWalk, lawnmower }

    public let kind: Kind
    private let grid: SiteGrid
    /// Cells a drone may fly over.
    private let droneCells: [Int]
    /// Cells a robot may drive on.
    private let robotCells: [Int]
    private var lawnmowerRoutes: [DeviceRoute] = []
    private var random: SeededRandom
    private var routeCount = 0

    /// - Parameters:
    ///   - kind: which baseline.
    ///   - grid: the site raster.
    ///   - fleet: the devices, in simulation order.
    ///   - seed: for the random walk.
    public init(kind: Kind, grid: SiteGrid, fleet: [FleetDevice], seed: UInt64) {
        self.kind = kind
        self.grid = grid
        random = SeededRandom(seed: seed ^ 0x5049_4C4F_5453)
        droneCells = (0..<grid.cellCount).filter { grid.inside[$0] && !grid.noFly[$0] }
        robotCells = (0..<grid.cellCount).filter { grid.robotTraversable[$0] }
        if kind == .lawnmower { lawnmowerRoutes = Self.lawnmowerRoutes(grid: grid, fleet: fleet) }
    }

    /// The next route for device `index`, when it has none left to follow.
    public mutating func nextRoute(forDevice index: Int, spec: FleetDevice) -> DeviceRoute? {
        routeCount += 1
        switch kind {
        case .lawnmower:
            return index < lawnmowerRoutes.count ? lawnmowerRoutes[index] : nil
        case .randomWalk:
            let cells = spec.kind == .drone ? droneCells : robotCells
            guard !cells.isEmpty else { return nil }
            let cell = cells[random.nextIndex(cells.count)]
            let z = spec.kind == .drone ? spec.camera.altitudeM : 0
            return DeviceRoute(routeID: "random-\(spec.id)-\(routeCount)", version: UInt32(routeCount),
                               stops: [DeviceRoute.Stop(position: Point3(grid.center(ofCell: cell), z: z))],
                               cyclic: false, cycleS: 0)
        }
    }

    /// The width of ground one pass of a device's camera covers, metres.
    static func swathM(_ spec: FleetDevice) -> Double {
        switch spec.kind {
        case .drone:
            let sector = Visibility.droneSector(position: Point3(x: 0, y: 0, z: spec.camera.altitudeM), headingDeg: 0,
                                                camera: spec.camera)
            guard let sector else { return spec.camera.rangeM }
            // A disc (nadir in view) covers its diameter; a forward sector about its far width.
            let halfWidth = sector.fovDeg >= 360 ? sector.rangeM
                : sector.rangeM * sin(min(sector.fovDeg, 180) / 2 * .pi / 180)
            return max(1, 1.6 * halfWidth)
        case .robot:
            return max(1, spec.camera.rangeM * sin(min(spec.camera.fovDeg, 180) / 2 * .pi / 180))
        }
    }

    static func lawnmowerRoutes(grid: SiteGrid, fleet: [FleetDevice]) -> [DeviceRoute] {
        guard !fleet.isEmpty else { return [] }
        let widthM = Double(grid.width) * grid.cellM
        let stripM = widthM / Double(fleet.count)
        return fleet.enumerated().map { index, spec in
            let swath = swathM(spec)
            let z = spec.kind == .drone ? spec.camera.altitudeM : 0
            let passable: (Int) -> Bool = spec.kind == .drone
                ? { grid.inside[$0] && !grid.noFly[$0] } : { grid.robotTraversable[$0] }
            var stops: [DeviceRoute.Stop] = []
            var x = grid.origin.x + Double(index) * stripM + min(swath, stripM) / 2
            var upward = true
            while x < grid.origin.x + Double(index + 1) * stripM {
                let col = min(grid.width - 1, max(0, Int((x - grid.origin.x) / grid.cellM)))
                let rows = (0..<grid.height).filter { passable($0 * grid.width + col) }
                if let low = rows.first, let high = rows.last {
                    let bottom = Point3(grid.center(ofCell: low * grid.width + col), z: z)
                    let top = Point3(grid.center(ofCell: high * grid.width + col), z: z)
                    stops.append(DeviceRoute.Stop(position: upward ? bottom : top))
                    stops.append(DeviceRoute.Stop(position: upward ? top : bottom))
                    upward.toggle()
                }
                x += swath
            }
            return DeviceRoute(routeID: "lawnmower-\(spec.id)", version: 1, stops: stops, cyclic: true, cycleS: 0)
        }
    }
}
