import Foundation
import PatrolCore
@testable import PatrolPlanner
import PatrolTestKit
import Testing

/// The planner's promise rests on each viewpoint's targets: the cells a device's camera sees from that
/// pose. The simulator and the hub see through `Visibility` one sector at a time; the selector may compute
/// views differently (shared views all around), so every viewpoint of a plan is checked against the
/// sector the device will actually have there.
@Suite struct ViewpointVisibilityTests {
    /// The small square with its buildings (occlusion) and plaza (a bundled mission; about 10 s in a debug
    /// build). Station-forecourt agreed as well when this was written.
    @Test(arguments: ["small-square", "plaza"])
    func everyViewpointSeesItsTargetsFromItsPose(missionName: String) throws {
        let mission = missionName == "small-square"
            ? SmallSites.square(fleet: [SmallSites.drone("d1"), SmallSites.robot("r1"), SmallSites.robot("r2", dock: "dock-b")])
            : try Mission.load(from: Fixtures.mission(missionName))
        let plan = Planner(mission: mission, options: missionName == "small-square" ? SmallSites.quickOptions : .init()).plan()
        #expect(!plan.viewpoints.isEmpty)
        let grid = SiteGrid(mission: mission)
        var targetOfCell = [Int](repeating: -1, count: grid.cellCount)
        for (target, cell) in plan.targets.cells.enumerated() { targetOfCell[cell] = target }
        var mismatches: [String] = []
        for (index, viewpoint) in plan.viewpoints.enumerated() {
            let camera = try #require(mission.fleet.first { $0.kind == viewpoint.kind }?.camera)
            let sector: ViewSector?
            switch viewpoint.kind {
            case .drone:
                sector = Visibility.droneSector(position: viewpoint.position, headingDeg: viewpoint.headingDeg ?? 0,
                                                camera: camera)
            case .robot:
                sector = ViewSector(eye: Point3(viewpoint.position.ground, z: camera.altitudeM),
                                    headingDeg: viewpoint.headingDeg ?? 0, fovDeg: camera.fovDeg, rangeM: camera.rangeM)
            }
            var seen: [Int] = []
            if let sector {
                Visibility.forEachVisibleCell(in: grid, from: sector) { cell in
                    if grid.inside[cell], targetOfCell[cell] >= 0 { seen.append(targetOfCell[cell]) }
                }
            }
            let promised = Set(viewpoint.targets), actual = Set(seen)
            if promised != actual {
                mismatches.append("viewpoint \(index) (\(viewpoint.kind.rawValue) at \(viewpoint.position), heading "
                                  + "\(viewpoint.headingDeg.map { String($0) } ?? "-")): \(promised.subtracting(actual).count) "
                                  + "promised but unseen, \(actual.subtracting(promised).count) seen but not listed")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(plan.viewpoints.count): \(mismatches.prefix(5))")
    }
}
