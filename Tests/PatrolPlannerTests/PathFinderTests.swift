import PatrolCore
import PatrolPlanner
import Testing

@Suite struct PathFinderTests {
    /// A wall from the south edge to y = 30 between x = 25 and 35.
    static let wall = SmallSites.rectangle(25, 0, 35, 30)

    @Test func robotsDriveAroundBuildings() throws {
        let mission = SmallSites.square(fleet: [SmallSites.robot("r")], buildings: [Building(footprint: Self.wall, heightM: 5)])
        let grid = SiteGrid(mission: mission)
        let finder = PathFinder(mission: mission, grid: grid)
        let from = Point2(x: 10, y: 10), to = Point2(x: 50, y: 10)
        let path = try #require(finder.robotPath(from: from, to: to))
        let length = zip(path, path.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
        // Around the wall's end: about 2 x 25.5 + 12 m.
        #expect(length > 55 && length < 75)
        for (a, b) in zip(path, path.dropFirst()) {
            for step in 0...20 {
                let point = a + (b - a) * (Double(step) / 20)
                #expect(!Self.wall.contains(point), "path crosses the wall at \(point)")
            }
        }
        // The grid distance (8-connected steps) is never shorter than the straightened path.
        let cells = [try #require(finder.robotCell(near: from)), try #require(finder.robotCell(near: to))]
        let gridM = finder.robotDistancesM(from: cells[0], to: [cells[1]])[0]
        #expect(gridM >= length - 2 * grid.cellM && gridM < length * 1.1)
        let timeS = try #require(finder.travelTimeS(from: from, to: to, kind: .robot))
        #expect(abs(timeS - length / 1.5) < 1e-9)
    }

    @Test func dronesFlyStraightUnlessANoFlyZoneIsInTheWay() throws {
        let mission = SmallSites.square(fleet: [SmallSites.drone("d")], buildings: [], noFly: [Self.wall])
        let finder = PathFinder(mission: mission, grid: SiteGrid(mission: mission))
        #expect(finder.dronePath(from: Point2(x: 10, y: 40), to: Point2(x: 50, y: 40))?.count == 2)
        let path = try #require(finder.dronePath(from: Point2(x: 10, y: 10), to: Point2(x: 50, y: 10)))
        #expect(path.count > 2)
        for (a, b) in zip(path, path.dropFirst()) {
            for step in 0...40 {
                #expect(!Self.wall.contains(a + (b - a) * (Double(step) / 40)))
            }
        }
        let length = try #require(finder.pathLengthM(from: Point2(x: 10, y: 10), to: Point2(x: 50, y: 10), kind: .drone))
        // Around either end of the zone (drones may leave the site): longer than the 40 m straight line.
        #expect(length > 45 && length < 70)
    }

    @Test func unreachablePlacesHaveNoRobotPath() {
        // A closed ring of buildings around the centre.
        let ring = [SmallSites.rectangle(20, 15, 60, 20), SmallSites.rectangle(20, 40, 60, 45),
                    SmallSites.rectangle(20, 15, 25, 45), SmallSites.rectangle(55, 15, 60, 45)]
        let mission = SmallSites.square(fleet: [SmallSites.robot("r")],
                                        buildings: ring.map { Building(footprint: $0, heightM: 8) })
        let finder = PathFinder(mission: mission, grid: SiteGrid(mission: mission))
        #expect(finder.robotPath(from: Point2(x: 5, y: 5), to: Point2(x: 40, y: 30)) == nil)
        #expect(finder.travelTimeS(from: Point2(x: 5, y: 5), to: Point2(x: 40, y: 30), kind: .robot) == nil)
    }
}
