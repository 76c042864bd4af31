import PatrolCore
@testable import PatrolPlanner
import Testing

@Suite struct RobotHomeTests {
    /// Charging stops judge a robot's way home along the grid: never shorter than the straightened path it
    /// drives (the battery reserve holds), the straight line in the open, and close to the real path.
    @Test func wayHomeBoundsTheDrivenPathFromAbove() throws {
        let mission = SmallSites.square(fleet: [SmallSites.robot("r1")])
        let model = GridModel(mission: mission, options: SmallSites.quickOptions, progress: nil)
        let dock = Point2(x: 3, y: 3)
        // Behind the building (35..45 x 20..40) as seen from the dock, and in the open.
        let behind = Point2(x: 50, y: 45), open = Point2(x: 20, y: 10)
        let lengths = model.robotLengthsHomeM(from: [behind, open], to: dock)
        let driven = try #require(model.pathFinder.pathLengthM(from: behind, to: dock, kind: .robot))
        #expect(lengths[0] >= driven - 1e-9)
        #expect(lengths[0] <= driven * 1.1 + 2 * mission.cellM)
        #expect(abs(lengths[1] - open.distance(to: dock)) < 1e-9)
        // Served from the cache the second time, unchanged.
        #expect(model.robotLengthsHomeM(from: [behind, open], to: dock) == lengths)
    }
}
