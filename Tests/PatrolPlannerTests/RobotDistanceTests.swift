import PatrolCore
import PatrolPlanner
import Testing

@Suite struct RobotDistanceTests {
    /// The neighbour-graph distances used on large grids are upper bounds of the exact grid distances,
    /// exact for each cell's nearest neighbours, finite for every pair, and close overall.
    @Test func sparseDistancesBoundTheExactOnes() throws {
        let mission = SmallSites.square(fleet: [SmallSites.robot("r")])
        let grid = SiteGrid(mission: mission)
        let finder = PathFinder(mission: mission, grid: grid)
        let cells = stride(from: 0, to: grid.cellCount, by: 37).filter { grid.robotTraversable[$0] }
        let exact = finder.robotDistanceMatrix(between: cells, method: .exact)
        let sparse = finder.robotDistanceMatrix(between: cells, method: .neighbourGraph)
        var worstExcess = 0.0
        for i in cells.indices {
            for j in cells.indices where i != j {
                #expect(sparse[i, j] >= exact[i, j] - 1e-9)
                #expect(sparse[i, j].isFinite)
                worstExcess = max(worstExcess, sparse[i, j] / exact[i, j])
            }
        }
        #expect(worstExcess < 1.25)
        let nearest = finder.robotNearestDistancesM(from: cells[0], slotOfCell: cells.reduce(into: [Int32](repeating: -1, count: grid.cellCount)) { $0[$1] = 0 }, count: 3)
        for (cell, distanceM) in nearest {
            #expect(abs(distanceM - exact[0, cells.firstIndex(of: cell)!]) < 1e-9)
        }
    }
}
