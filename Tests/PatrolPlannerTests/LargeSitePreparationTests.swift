import Foundation
import PatrolCore
@testable import PatrolPlanner
import Testing

/// The candidate budget that grows with the site, and the shortcuts that keep preparing large sites fast.
@Suite struct LargeSitePreparationTests {
    /// A 600 x 400 m district at 4 m cells with a few buildings, drones like the generated 500-device district's
    /// (40 m range at 30 m altitude) and robots.
    static func district(drones: Int = 1, robots: Int = 0) -> Mission {
        let buildings = [
            Building(footprint: SmallSites.rectangle(100, 100, 160, 150), heightM: 20),
            Building(footprint: SmallSites.rectangle(300, 220, 340, 300), heightM: 12),
            Building(footprint: SmallSites.rectangle(450, 60, 520, 110), heightM: 35),
        ]
        let site = Site(boundary: SmallSites.rectangle(0, 0, 600, 400), buildings: buildings,
                        docks: [Dock(id: "dock-a", position: Point2(x: 10, y: 10))])
        let camera = CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 45, altitudeM: 30)
        let fleet = (0..<drones).map {
            FleetDevice(id: "drone-\($0)", kind: .drone, speedMPS: 8, enduranceS: 1500, dockID: "dock-a", camera: camera)
        } + (0..<robots).map { SmallSites.robot("robot-\($0)") }
        return Mission(name: "district", directory: URL(fileURLWithPath: "/nonexistent"),
                       origin: GeoPoint(latitudeDeg: 45.6, longitudeDeg: 84.9), cellM: 4, site: site, fleet: fleet,
                       policy: Policy(revisitS: 600), sim: SimSettings())
    }

    static func selector(_ mission: Mission, options: PlannerOptions = PlannerOptions()) -> ViewpointSelector {
        let grid = SiteGrid(mission: mission)
        let area = PatrolArea(mission: mission, grid: grid, offlineCameras: [])
        let targets = PatrolTargets(positions: area.cells.map { grid.center(ofCell: $0) }, weights: area.weights,
                                    revisitTargetsS: area.revisitTargetsS, cells: area.cells)
        return ViewpointSelector(grid: grid, targets: targets, maxCandidates: options.maxCandidates,
                                 maxViewpoints: options.maxViewpoints)
    }

    /// The drone lattice at the camera's spacing holds more candidates than the old fixed budget of 1,500
    /// per kind: it is no longer spread out, and every patrol cell is seen. Under the old budget the same
    /// lattice had to be spread.
    @Test func aSiteLargerThanTheOldBudgetIsSeenWhole() throws {
        let mission = Self.district()
        let camera = try #require(mission.fleet.first?.camera)
        let selector = Self.selector(mission)
        let cover = selector.droneCover(camera: camera)
        #expect(cover.candidateCount > 1500)
        #expect(cover.thinning == nil)
        #expect(cover.coverable.count == selector.targetCount)
        let old = Self.selector(mission, options: PlannerOptions(maxCandidates: 1500)).droneCover(camera: camera)
        #expect(old.thinning == .candidateCap(maxCandidates: 1500))
    }

    /// Robots with a 15 m camera would need far more views than a cover may have on this district: the lattice
    /// is spread, the cover stays within `maxViewpoints`, and cells left unseen say why.
    @Test func aKindThatCannotCoverTheSiteAloneSaysSo() throws {
        let mission = Self.district(drones: 0, robots: 1)
        let options = PlannerOptions(maxViewpoints: 200, tourRestarts: 1, tourKicks: 50)
        let selector = Self.selector(mission, options: options)
        let grid = SiteGrid(mission: mission)
        let cover = selector.robotCover(camera: try #require(mission.fleet.first?.camera),
                                        reachable: GridModel.robotReachable(mission, grid))
        guard case .coverOutOfReach(let footprints, let maxViewpoints) = cover.thinning else {
            Issue.record("expected the robot lattice to be spread for want of viewpoints, got \(String(describing: cover.thinning))")
            return
        }
        #expect(maxViewpoints == 200)
        #expect(footprints > 200)
        #expect(cover.candidateCount <= 200)
        #expect(cover.viewpoints.count <= 200)
        let plan = Planner(mission: mission, options: options).plan()
        let unseen = try #require(plan.unreachable.first)
        #expect(unseen.reason.contains("PlannerOptions.maxViewpoints"))
    }

    /// Each position's view all around, shared out to the headings, gives exactly the targets of one
    /// visibility query per heading, for robots beside a building and for drones.
    @Test func headingsShareOneViewAllAround() throws {
        let mission = SmallSites.square(fleet: [SmallSites.drone("d1"), SmallSites.robot("r1")])
        let selector = Self.selector(mission)
        let grid = selector.grid
        let area = PatrolArea(mission: mission, grid: grid, offlineCameras: [])
        var targetOfCell = [Int: Int]()
        for (index, cell) in area.cells.enumerated() { targetOfCell[cell] = index }
        func targets(_ cells: [Int]) -> [Int] { cells.compactMap { targetOfCell[$0] }.sorted() }
        let positions = stride(from: 1.0, to: 80, by: 7).flatMap { x in
            stride(from: 1.0, to: 60, by: 7).map { Point2(x: x, y: $0) }
        }
        let robotCamera = SmallSites.robot("r").camera
        let robotHeadings: [Double?] = (0..<8).map { Double($0) * 45 }
        let robotSector = ViewSector(eye: Point3(x: 0, y: 0, z: robotCamera.altitudeM), headingDeg: 0,
                                     fovDeg: robotCamera.fovDeg, rangeM: robotCamera.rangeM)
        let robots = selector.latticeCandidates(kind: .robot, positions: positions, eyeHeightM: robotCamera.altitudeM,
                                                sector: robotSector, headings: robotHeadings)
        var compared = 0
        var next = 0
        for position in positions {
            for heading in robotHeadings {
                let expected = targets(Visibility.groundSector(in: grid, position: position,
                                                               eyeHeightM: robotCamera.altitudeM, headingDeg: heading ?? 0,
                                                               fovDeg: robotCamera.fovDeg, rangeM: robotCamera.rangeM))
                guard !expected.isEmpty else { continue }
                try #require(next < robots.count)
                #expect(robots[next].position.ground == position && robots[next].headingDeg == heading)
                #expect(robots[next].targets == expected)
                next += 1
                compared += 1
            }
        }
        #expect(next == robots.count)
        next = 0
        // Pitched up from the nadir, so the drone camera has headings too.
        let droneCamera = CameraSpec(fovDeg: 80, rangeM: 25, pitchDeg: 40, altitudeM: 20)
        let droneSector = try #require(Visibility.droneSector(position: Point3(x: 0, y: 0, z: droneCamera.altitudeM),
                                                              headingDeg: 0, camera: droneCamera))
        let droneHeadings: [Double?] = [0, 90, 180, 270]
        let drones = selector.latticeCandidates(kind: .drone, positions: positions, eyeHeightM: droneCamera.altitudeM,
                                                sector: droneSector, headings: droneHeadings)
        for position in positions {
            for heading in droneHeadings {
                let expected = targets(Visibility.droneFootprint(in: grid, position: Point3(position, z: droneCamera.altitudeM),
                                                                 headingDeg: heading ?? 0, camera: droneCamera))
                guard !expected.isEmpty else { continue }
                try #require(next < drones.count)
                #expect(drones[next].targets == expected)
                next += 1
                compared += 1
            }
        }
        #expect(next == drones.count)
        #expect(compared > 200)
    }

    /// The drone matrix (bounding-box shortcut, corner searches shared per point) gives every pair the length
    /// of the plain path query, around a no-fly zone and straight past it.
    @Test func droneMatrixMatchesThePathQuery() throws {
        let (finder, points) = PathMatrixTests.noFlySquare()
        let matrix = finder.droneDistanceMatrix(between: points, unreachableM: -1)
        var blocked = 0
        for a in points.indices {
            for b in points.indices where a != b {
                let expected = try #require(finder.pathLengthM(from: points[a], to: points[b], kind: .drone))
                #expect(abs(matrix[a, b] - expected) < 1e-9)
                if expected > points[a].distance(to: points[b]) + 1e-9 { blocked += 1 }
            }
        }
        #expect(blocked > 20)
    }
}
