import Foundation
import PatrolTestKit
import Testing
@testable import PatrolCore

@Suite struct BundledMissionTests {
    static let names = ["plaza", "station-forecourt", "festival-park", "grid-benchmark"]

    @Test(arguments: names)
    func bundledMissionValidates(name: String) {
        let problems = MissionValidator.validate(directory: Fixtures.mission(name))
        #expect(problems.isEmpty, "\(name): \(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: names)
    func bundledMissionHasPatrolCellsAndBlindSpots(name: String) throws {
        let clock = ContinuousClock()
        var mission: Mission?
        let loadTime = try clock.measure { mission = try Mission.load(from: Fixtures.mission(name)) }
        let loaded = try #require(mission)
        var area: PatrolArea?
        let areaTime = clock.measure { area = PatrolArea(mission: loaded) }
        let patrol = try #require(area)
        #expect(!patrol.cells.isEmpty)
        #expect(patrol.weights.allSatisfy { $0 >= 1 })
        #expect(patrol.blindShare > 0 && patrol.blindShare <= 1)
        print("""
            mission \(name): grid \(patrol.grid.width)x\(patrol.grid.height) at \(loaded.cellM) m, \
            patrol cells \(patrol.cells.count), blind share \(String(format: "%.3f", patrol.blindShare)), \
            weighted \(String(format: "%.3f", patrol.weightedBlindShare)), load \(loadTime), \
            patrol area (grid + \(loaded.site.cameras.count) camera viewsheds) \(areaTime)
            """)
    }
}
