import Foundation
import PatrolCore

/// A seeded city district of 2 km x 2 km at 2 m cells (1,000 x 1,000 cells) with buildings, fixed cameras,
/// no-fly and keep-out zones, hotspots, docks and a mixed fleet: the size issue 4 sets for planning time.
enum LargeSite {
    static let sideM = 2000.0

    static func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
        Polygon(points: [Point2(x: x0, y: y0), Point2(x: x1, y: y0), Point2(x: x1, y: y1), Point2(x: x0, y: y1)])
    }

    /// - Parameters:
    ///   - seed: places every building, camera, zone and hotspot.
    ///   - drones: drones in the fleet; `robots` ground robots; docks spread over the site, round robin.
    static func mission(seed: UInt64 = 1, drones: Int = 30, robots: Int = 20) -> Mission {
        var random = SeededRandom(seed: seed)
        func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * random.nextUnit() }
        // Buildings on a loose block grid so streets stay open (robots must get around).
        var buildings: [Building] = []
        for blockRow in 0..<8 {
            for blockCol in 0..<8 where random.nextUnit() < 0.6 {
                let x = 60 + Double(blockCol) * 240 + uniform(0, 60), y = 60 + Double(blockRow) * 240 + uniform(0, 60)
                buildings.append(Building(footprint: rectangle(x, y, x + uniform(30, 110), y + uniform(30, 110)),
                                          heightM: uniform(8, 40)))
            }
        }
        let noFly = (0..<3).map { _ in
            let x = uniform(200, 1700), y = uniform(200, 1700)
            return rectangle(x, y, x + uniform(60, 150), y + uniform(60, 150))
        }
        let keepOut = (0..<3).map { _ in
            let x = uniform(100, 1800), y = uniform(100, 1800)
            return rectangle(x, y, x + uniform(20, 60), y + uniform(20, 60))
        }
        let cameras = (0..<40).map { index in
            FixedCamera(id: "cam-\(index + 1)", position: Point2(x: uniform(20, 1980), y: uniform(20, 1980)),
                        headingDeg: uniform(0, 360), fovDeg: 90, rangeM: 60, heightM: 6)
        }
        let hotspots = (0..<6).map { index in
            let x = uniform(100, 1750), y = uniform(100, 1750)
            return Hotspot(id: "hot-\(index + 1)", area: rectangle(x, y, x + uniform(60, 150), y + uniform(60, 150)),
                           weight: index % 2 == 0 ? 3 : 2)
        }
        // Docks on a 4 x 4 lattice, in the street corners between blocks.
        var docks: [Dock] = []
        for row in 0..<4 {
            for col in 0..<4 {
                docks.append(Dock(id: "dock-\(docks.count + 1)",
                                  position: Point2(x: 30 + Double(col) * 480 + 240, y: 30 + Double(row) * 480 + 240)))
            }
        }
        var fleet: [FleetDevice] = []
        for index in 0..<drones {
            fleet.append(FleetDevice(id: "drone-\(index + 1)", kind: .drone, speedMPS: 10, enduranceS: 1800,
                                     dockID: docks[fleet.count % docks.count].id,
                                     camera: CameraSpec(fovDeg: 80, rangeM: 60, pitchDeg: 45, altitudeM: 40)))
        }
        for index in 0..<robots {
            fleet.append(FleetDevice(id: "robot-\(index + 1)", kind: .robot, speedMPS: 1.5, enduranceS: 14_400,
                                     dockID: docks[fleet.count % docks.count].id,
                                     camera: CameraSpec(fovDeg: 90, rangeM: 20, pitchDeg: 10, altitudeM: 1.5)))
        }
        let site = Site(boundary: rectangle(0, 0, sideM, sideM), buildings: buildings, noFlyZones: noFly,
                        keepOutZones: keepOut, cameras: cameras, docks: docks, hotspots: hotspots)
        return Mission(name: "district-2km", directory: URL(fileURLWithPath: "/nonexistent"),
                       origin: GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87), cellM: 2, site: site, fleet: fleet,
                       policy: Policy(revisitS: 900, revisitSByWeight: [2: 600, 3: 300]), sim: SimSettings())
    }
}
