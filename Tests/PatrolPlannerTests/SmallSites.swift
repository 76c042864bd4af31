import Foundation
import PatrolCore
import PatrolPlanner

/// Small synthetic missions built in code, so grid-mode tests run in well under a second.
enum SmallSites {
    /// Less search than the default: these tests check behaviour, not tour or cover strength, in debug builds.
    static let quickOptions = PlannerOptions(maxCandidates: 400, tourRestarts: 1, tourKicks: 200)

    static func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
        Polygon(points: [Point2(x: x0, y: y0), Point2(x: x1, y: y0), Point2(x: x1, y: y1), Point2(x: x0, y: y1)])
    }

    static func drone(_ id: String, dock: String = "dock-a", enduranceS: Double = 1800) -> FleetDevice {
        FleetDevice(id: id, kind: .drone, speedMPS: 8, enduranceS: enduranceS, dockID: dock,
                    camera: CameraSpec(fovDeg: 80, rangeM: 25, pitchDeg: 60, altitudeM: 20))
    }

    static func robot(_ id: String, dock: String = "dock-a") -> FleetDevice {
        FleetDevice(id: id, kind: .robot, speedMPS: 1.5, enduranceS: 14_400, dockID: dock,
                    camera: CameraSpec(fovDeg: 90, rangeM: 15, pitchDeg: 10, altitudeM: 1.5))
    }

    /// An 80 x 60 m square with a 10 x 20 m building, a weight-3 hotspot and two docks.
    static func square(fleet: [FleetDevice], policy: Policy = Policy(revisitS: 300, revisitSByWeight: [3: 120]),
                       buildings: [Building]? = nil, noFly: [Polygon] = []) -> Mission {
        let site = Site(
            boundary: rectangle(0, 0, 80, 60),
            buildings: buildings ?? [Building(footprint: rectangle(35, 20, 45, 40), heightM: 12)],
            noFlyZones: noFly,
            docks: [Dock(id: "dock-a", position: Point2(x: 3, y: 3)), Dock(id: "dock-b", position: Point2(x: 77, y: 57))],
            hotspots: [Hotspot(id: "market", area: rectangle(60, 5, 75, 20), weight: 3)])
        return Mission(name: "square", directory: URL(fileURLWithPath: "/nonexistent"),
                       origin: GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87), cellM: 2, site: site, fleet: fleet,
                       policy: policy, sim: SimSettings())
    }
}
