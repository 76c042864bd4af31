import PatrolCore
@testable import PatrolPlanner
import Testing

/// The shortcuts distance matrices take on large sites give exactly the lengths of the plain path queries.
@Suite struct PathMatrixTests {
    /// The small square with a no-fly block in the middle, and a lattice of points 10 m apart around it.
    static func noFlySquare() -> (finder: PathFinder, points: [Point2]) {
        let mission = SmallSites.square(fleet: [SmallSites.drone("d1")], noFly: [SmallSites.rectangle(30, 15, 50, 45)])
        let finder = PathFinder(mission: mission, grid: SiteGrid(mission: mission))
        var points: [Point2] = []
        for x in stride(from: 5.0, through: 75, by: 10) {
            for y in stride(from: 5.0, through: 55, by: 10) where !(x > 30 && x < 50 && y > 15 && y < 45) {
                points.append(Point2(x: x, y: y))
            }
        }
        return (finder, points)
    }

    /// Legs around a no-fly zone, searched with the corner sight lines looked up once per point, have the
    /// lengths `pathLengthM` gives, to the bit.
    @Test func dronePairsAroundANoFlyZoneMatchThePathQuery() throws {
        let (finder, points) = Self.noFlySquare()
        let sight = finder.droneCornerSight(points)
        var blocked = 0
        for a in points.indices {
            for b in points.indices where a != b && !finder.droneLegClear(points[a], points[b]) {
                blocked += 1
                let expected = finder.pathLengthM(from: points[a], to: points[b], kind: .drone)
                #expect(finder.blockedDroneLengthM(from: a, to: b, sight: sight) == expected)
            }
        }
        #expect(blocked > 20)
    }

    /// The neighbour-graph matrix, searched on several threads, equals itself searched again (the chunks
    /// join in order) and is symmetric.
    @Test func neighbourGraphMatrixIsRepeatableAndSymmetric() {
        let mission = SmallSites.square(fleet: [SmallSites.robot("r1")])
        let grid = SiteGrid(mission: mission)
        let finder = PathFinder(mission: mission, grid: grid)
        let cells = (0..<grid.cellCount).filter { $0 % 7 == 0 && grid.robotTraversable[$0] }
        let first = finder.robotDistanceMatrix(between: cells, method: .neighbourGraph)
        let again = finder.robotDistanceMatrix(between: cells, method: .neighbourGraph)
        #expect(cells.count > 64)
        for i in cells.indices {
            for j in cells.indices {
                #expect(first[i, j] == again[i, j])
                #expect(abs(first[i, j] - first[j, i]) < 1e-6)
            }
        }
    }
}
