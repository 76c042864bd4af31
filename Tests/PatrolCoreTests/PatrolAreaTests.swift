import Foundation
import Testing
@testable import PatrolCore

private func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
    Polygon(points: [Point2(x: x0, y: y0), Point2(x: x1, y: y0), Point2(x: x1, y: y1), Point2(x: x0, y: y1)])
}

private func mission(site: Site, fleet: [FleetDevice]) -> Mission {
    Mission(name: "test", directory: URL(fileURLWithPath: "/tmp"),
            origin: GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87),
            cellM: 1, site: site, fleet: fleet, policy: Policy(revisitS: 300), sim: SimSettings())
}

@Test func dronesObserveNoFlyZonesOnlyAsFarAsTheirFootprintReaches() throws {
    // A 200 m wide site whose eastern half is a no-fly zone.
    let site = Site(boundary: rectangle(0, 0, 200, 20), noFlyZones: [rectangle(100, 0, 200, 20)],
                    docks: [Dock(id: "pad", position: Point2(x: 10, y: 10))])
    let camera = CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 45, altitudeM: 30)
    let drone = FleetDevice(id: "d1", kind: .drone, speedMPS: 8, enduranceS: 1_200, dockID: "pad", camera: camera)
    let area = PatrolArea(mission: mission(site: site, fleet: [drone]))
    let reachM = try #require(Visibility.droneSector(position: Point3(x: 0, y: 0, z: 30), headingDeg: 0,
                                                     camera: camera)).rangeM
    let columns = Set(area.cells.map { area.grid.colRow(of: $0).col })
    #expect(columns.contains(50) && columns.contains(100 + Int(reachM) - 3))
    #expect(!columns.contains(100 + Int(reachM * 1.1) + 1))
    #expect(area.blindShare == 1)
}

@Test func robotsObserveWhatTheyCanDriveToAndTheirCameraRangeBeyond() {
    // A wall splits the site; the robot docks west of it. East of the wall lies beyond its reach, except
    // what its camera sees over the keep-out strip in front of the wall.
    let wall = Building(footprint: rectangle(49, 0, 51, 40), heightM: 3)
    let site = Site(boundary: rectangle(0, 0, 120, 40), buildings: [wall], keepOutZones: [rectangle(35, 0, 49, 40)],
                    docks: [Dock(id: "garage", position: Point2(x: 5, y: 5))])
    let camera = CameraSpec(fovDeg: 90, rangeM: 10, pitchDeg: 10, altitudeM: 1.5)
    let robot = FleetDevice(id: "r1", kind: .robot, speedMPS: 1.5, enduranceS: 7_200, dockID: "garage", camera: camera)
    let area = PatrolArea(mission: mission(site: site, fleet: [robot]))
    let columns = Set(area.cells.map { area.grid.colRow(of: $0).col })
    #expect(columns.contains(0) && columns.contains(34))
    // The keep-out strip is 14 m wide: its first 10 m are within camera range of the drivable edge.
    #expect(columns.contains(40) && !columns.contains(47))
    // Nothing east of the wall: the robot cannot get there.
    #expect(columns.allSatisfy { $0 < 49 })
}

@Test func aFixedCameraTurnsItsViewIntoSeenCellsAndLeavesTheRestBlind() {
    let site = Site(boundary: rectangle(0, 0, 100, 100),
                    cameras: [FixedCamera(id: "c", position: Point2(x: 0.5, y: 0.5), headingDeg: 45, fovDeg: 90,
                                          rangeM: 50, heightM: 6)],
                    docks: [Dock(id: "pad", position: Point2(x: 90, y: 90))],
                    hotspots: [Hotspot(id: "h", area: rectangle(0, 0, 20, 20), weight: 3)])
    let camera = CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 45, altitudeM: 30)
    let drone = FleetDevice(id: "d1", kind: .drone, speedMPS: 8, enduranceS: 1_200, dockID: "pad", camera: camera)
    let area = PatrolArea(mission: mission(site: site, fleet: [drone]))
    // A quarter disc of radius 50 m is seen: pi * 50^2 / 4 of 10 000 m^2.
    let seenShare = Double.pi * 2_500 / 4 / 10_000
    #expect(abs((1 - area.blindShare) - seenShare) < 0.01)
    // The hotspot lies wholly in view, so the weighted blind share is lower than the plain one.
    #expect(area.weightedBlindShare < area.blindShare)
    #expect(area.cells.count == 10_000 - area.fixedCameraCells[0].count)
    #expect(Set(area.cells).isDisjoint(with: area.fixedCameraCells[0]))
    for (offset, cell) in area.cells.enumerated() where offset % 97 == 0 {
        #expect(area.patrolIndex(ofCell: cell) == offset)
    }
    #expect(area.patrolIndex(ofCell: area.fixedCameraCells[0][0]) == nil)
}
