import PatrolCore
import Testing

@Suite struct RobotReachabilityTests {
    func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
        Polygon(points: [Point2(x: x0, y: y0), Point2(x: x1, y: y0), Point2(x: x1, y: y1), Point2(x: x0, y: y1)])
    }

    /// A 20 x 10 m site split by a wall from edge to edge at x = 10..11: a robot on the west side reaches the
    /// west side only; starting on both sides reaches both.
    @Test func aWallFromEdgeToEdgeSplitsTheReachableCells() throws {
        let site = Site(boundary: rectangle(0, 0, 20, 10),
                        buildings: [Building(footprint: rectangle(10, 0, 11, 10), heightM: 3)])
        let grid = SiteGrid(site: site, cellM: 1)
        let west = try #require(grid.cellIndex(containing: Point2(x: 2.5, y: 5.5)))
        let east = try #require(grid.cellIndex(containing: Point2(x: 17.5, y: 5.5)))
        let fromWest = grid.robotReachableCells(from: [west])
        #expect(fromWest[west] && !fromWest[east])
        #expect(fromWest.enumerated().filter(\.element).count == 100)
        let fromBoth = grid.robotReachableCells(from: [west, east])
        #expect(fromBoth.enumerated().filter(\.element).count == 190)
        // A start on the wall itself reaches nothing.
        let wall = try #require(grid.cellIndex(containing: Point2(x: 10.5, y: 5.5)))
        #expect(!grid.robotReachableCells(from: [wall]).contains(true))
    }
}
