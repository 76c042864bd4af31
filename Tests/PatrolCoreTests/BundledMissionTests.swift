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

    /// Also prints the figures of the closing note: cells, blind share, time to load (parse and
    /// validate) and to compute visibility (every fixed camera's viewshed).
    @Test(arguments: names)
    func bundledMissionHasPatrolCellsAndBlindSpots(name: String) throws {
        let clock = ContinuousClock()
        var mission: Mission?
        let loadTime = try clock.measure { mission = try Mission.load(from: Fixtures.mission(name)) }
        let loaded = try #require(mission)
        var grid: SiteGrid?
        let gridTime = clock.measure { grid = SiteGrid(mission: loaded) }
        let siteGrid = try #require(grid)
        var seen = 0
        let visibilityTime = clock.measure {
            for camera in loaded.site.cameras {
                seen += Visibility.visibleCells(in: siteGrid, from: ViewSector(camera: camera)).count
            }
        }
        var area: PatrolArea?
        let areaTime = clock.measure { area = PatrolArea(mission: loaded, grid: siteGrid, offlineCameras: []) }
        let patrol = try #require(area)
        #expect(!patrol.cells.isEmpty)
        #expect(patrol.weights.allSatisfy { $0 >= 1 })
        #expect(patrol.blindShare > 0 && patrol.blindShare <= 1)
        #expect(loaded.site.cameras.isEmpty || seen > 0)
        func ms(_ duration: Duration) -> String {
            let components = duration.components
            return String(format: "%.1f ms", Double(components.seconds) * 1e3 + Double(components.attoseconds) / 1e15)
        }
        let share = String(format: "%.3f", patrol.blindShare)
        let weighted = String(format: "%.3f", patrol.weightedBlindShare)
        print("mission \(name): \(siteGrid.width)x\(siteGrid.height) = \(siteGrid.cellCount) cells at "
              + "\(loaded.cellM) m, \(patrol.cells.count) patrol cells, blind share \(share) (weighted \(weighted)); "
              + "load+validate \(ms(loadTime)), grid \(ms(gridTime)), \(loaded.site.cameras.count) camera viewsheds "
              + "\(ms(visibilityTime)), patrol area \(ms(areaTime))")
    }
}
