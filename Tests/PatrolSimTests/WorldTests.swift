import Foundation
import PatrolCore
@testable import PatrolSim
import Testing

@Suite struct WorldTests {
    @Test func robotsFollowPathsWithoutEnteringBuildingCells() throws {
        let mission = try Mission.load(from: try TinyMission.write())
        let grid = SiteGrid(mission: mission)
        var paths = GridPathFinder(grid: grid, passable: grid.robotTraversable)
        let spec = try #require(mission.fleet.first { $0.kind == .robot })
        var robot = SimDevice(spec: spec, dock: Point2(x: -40, y: -20))
        // Targets on the far side of the central building, so every leg must go around it.
        let targets = [Point2(x: 40, y: 20), Point2(x: -40, y: 25), Point2(x: 30, y: -30)]
        var reached = 0
        for target in targets {
            robot.assign(DeviceRoute(routeID: "r", version: 1, stops: [DeviceRoute.Stop(position: Point3(target, z: 0))],
                                     cyclic: false, cycleS: 0))
            for _ in 0..<1_500 {
                robot.step(dtS: 0.2, nowS: 0, wind: .zero, paths: &paths, crowd: nil)
                let cell = try #require(grid.cellIndex(containing: robot.position))
                #expect(grid.robotTraversable[cell], "robot entered cell \(cell) at \(robot.position)")
                #expect(grid.buildingHeightM[cell] == 0)
                if robot.route?.isFinished ?? false { break }
            }
            if robot.position.distance(to: target) < 1 { reached += 1 }
        }
        #expect(reached == targets.count)
    }

    /// A robot crossing a hotspot packed at 3 people per m2 edges through as people make way, and never has
    /// anyone inside it. (It used to stop for anyone within 1.2 m ahead, which in such a crowd is always.)
    @Test func aRobotEdgesThroughADenseCrowdWithoutEnteringAnyone() throws {
        var mission = try Mission.load(from: try TinyMission.write())
        mission.site.hotspots[0].expectedDensityPPM2 = 3
        let grid = SiteGrid(mission: mission)
        var paths = GridPathFinder(grid: grid, passable: grid.robotTraversable)
        var crowd = PedestrianCrowd(site: mission.site, grid: grid, count: 2_000, seed: 3)
        for second in 1...60 { crowd.step(dtS: 1, nowS: Double(second), robots: []) }
        let spec = try #require(mission.fleet.first { $0.kind == .robot })
        // From the hotspot's west edge (x = 25 to 45, y = 15 to 35) across it to the east.
        var robot = SimDevice(spec: spec, dock: Point2(x: 24, y: 25))
        let start = robot.position
        robot.assign(DeviceRoute(routeID: "r", version: 1, stops: [DeviceRoute.Stop(position: Point3(x: 46, y: 25, z: 0))],
                                 cyclic: false, cycleS: 0))
        var closestM = Double.infinity
        for step in 1...600 {
            robot.step(dtS: 0.2, nowS: 60 + Double(step) * 0.2, wind: .zero, paths: &paths, crowd: crowd)
            guard step % 5 == 0 else { continue }
            crowd.step(dtS: 1, nowS: 60 + Double(step) * 0.2, robots: [robot.position])
            for index in 0..<crowd.count { closestM = min(closestM, crowd.position(index).distance(to: robot.position)) }
        }
        let hotspotCells = (0..<grid.cellCount).filter { mission.site.hotspots[0].area.contains(grid.center(ofCell: $0)) }
        let densityPPM2 = Double(crowd.count(inCells: hotspotCells)) / (Double(hotspotCells.count) * grid.cellM * grid.cellM)
        #expect(densityPPM2 > 2, "the hotspot holds \(densityPPM2) people per m2")
        #expect(robot.position.x - start.x > 10, "the robot got from x = \(start.x) to \(robot.position.x) in 120 s")
        // Pedestrians are held at the contact circle (the robot's 0.6 m radius and half a body).
        #expect(closestM >= 0.9 - 1e-9, "someone came within \(closestM) m of the robot's centre")
    }

    @Test func aStarGoesAroundBuildingsAndNeverCutsCorners() throws {
        let mission = try Mission.load(from: try TinyMission.write())
        let grid = SiteGrid(mission: mission)
        var paths = GridPathFinder(grid: grid, passable: grid.robotTraversable)
        let start = try #require(grid.cellIndex(containing: Point2(x: -15, y: 0)))
        let goal = try #require(grid.cellIndex(containing: Point2(x: 15, y: 0)))
        let found = paths.path(from: start, to: goal)
        let cells = try #require(found)
        #expect(cells.first == start && cells.last == goal)
        for (a, b) in zip(cells, cells.dropFirst()) {
            #expect(grid.robotTraversable[b])
            let (ac, ar) = grid.colRow(of: a), (bc, br) = grid.colRow(of: b)
            #expect(abs(ac - bc) <= 1 && abs(ar - br) <= 1)
            if ac != bc && ar != br {
                #expect(grid.robotTraversable[grid.index(col: bc, row: ar)] && grid.robotTraversable[grid.index(col: ac, row: br)])
            }
        }
        // Straight through would be 15 cells; around a 20 m building it is longer.
        #expect(cells.count > 16)
    }

    @Test func droneReturnsToItsDockAndChargesWhenTheBatteryRunsLow() throws {
        let mission = try Mission.load(from: try TinyMission.write())
        let grid = SiteGrid(mission: mission)
        var paths = GridPathFinder(grid: grid, passable: grid.robotTraversable)
        let spec = try #require(mission.fleet.first { $0.kind == .drone })
        var drone = SimDevice(spec: spec, dock: Point2(x: -50, y: 35))
        drone.drainMultiplier = 20  // 1200 s of endurance gone in a minute
        drone.assign(DeviceRoute(routeID: "loop", version: 1,
                                 stops: [DeviceRoute.Stop(position: Point3(x: 40, y: -30, z: 25)),
                                         DeviceRoute.Stop(position: Point3(x: -40, y: -30, z: 25))],
                                 cyclic: true, cycleS: 40))
        var sawReturning = false, sawCharging = false
        for step in 0..<3_000 {
            drone.step(dtS: 0.2, nowS: Double(step) * 0.2, wind: .zero, paths: &paths, crowd: nil)
            if drone.mode == .returning { sawReturning = true }
            if drone.mode == .charging { sawCharging = true }
            #expect(drone.mode != .depleted)
        }
        #expect(sawReturning && sawCharging)
        #expect(drone.chargeCount >= 1)
    }

    @Test func pedestrianDensityRisesInHotspots() throws {
        let mission = try Mission.load(from: try TinyMission.write())
        let grid = SiteGrid(mission: mission)
        var crowd = PedestrianCrowd(site: mission.site, grid: grid, count: 600, seed: 7)
        for step in 0..<150 { crowd.step(dtS: 0.4, nowS: Double(step) * 0.4, robots: []) }
        let hotspot = try #require(mission.site.hotspots.first)
        var hotspotCells: [Int] = [], otherCells: [Int] = []
        for cell in 0..<grid.cellCount where grid.inside[cell] && grid.buildingHeightM[cell] == 0 {
            if hotspot.area.contains(grid.center(ofCell: cell)) { hotspotCells.append(cell) } else { otherCells.append(cell) }
        }
        let area = grid.cellM * grid.cellM
        let hotspotDensity = Double(crowd.count(inCells: hotspotCells)) / (Double(hotspotCells.count) * area)
        let otherDensity = Double(crowd.count(inCells: otherCells)) / (Double(otherCells.count) * area)
        #expect(hotspotDensity > 4 * otherDensity)
        #expect(hotspotDensity > 0.5)  // the mission expects 1.0 persons per square metre
        // Nobody stands inside the building or outside the boundary.
        for index in 0..<crowd.count {
            let cell = try #require(grid.cellIndex(containing: crowd.position(index)))
            #expect(grid.inside[cell] && grid.buildingHeightM[cell] == 0)
        }
        #expect(crowd.count(inCells: 0..<grid.cellCount) == 600)
    }

    @Test func groundTruthIdlenessIsIntegratedExactly() {
        // One cell, target 10 s, window from 10 s; seen at 0, 30 and 35 s; evaluated to 40 s.
        var coverage = GroundTruthCoverage(cells: [3], weights: [1], targetsS: [10], cellCount: 5, windowStartS: 10)
        coverage.see(cell: 3, at: 0)
        coverage.see(cell: 3, at: 30)
        coverage.see(cell: 3, at: 35)
        coverage.see(cell: 1, at: 36)  // not evaluated: ignored
        let metrics = coverage.metrics(at: 40)
        // Idleness over [10, 30] is t, integral (900 - 100) / 2 = 400; [30, 35] 12.5; [35, 40] 12.5.
        #expect(abs(metrics.avgIdlenessS - 425.0 / 30) < 1e-9)
        #expect(metrics.worstIdlenessS == 30)
        #expect(metrics.worstRatio == 3)
        #expect(metrics.coverageFraction == 1)
        // Above the 10 s target during [10, 30]: 20 s of 30.
        #expect(abs(metrics.blindExposure - 20.0 / 30) < 1e-9)
    }

    @Test func aFrameSeenAtOnceCountsAsItsCellsSeenOneByOne() {
        // Frames over a few cells, with repeats within a frame and cells outside the evaluated set.
        let cells = [2, 3, 5, 7, 11], targets = [5.0, 10, 20, 30, 60]
        var oneByOne = GroundTruthCoverage(cells: cells, weights: [1, 2, 1, 3, 1], targetsS: targets, cellCount: 12,
                                           windowStartS: 4)
        var atOnce = oneByOne
        var random = SeededRandom(seed: 3)
        for step in 1...200 {
            let nowS = Double(step) * 0.5
            let frame = (0..<Int(random.next() % 6)).map { _ in Int(random.next() % 12) }
            for cell in frame { oneByOne.see(cell: cell, at: nowS) }
            atOnce.see(cells: frame, at: nowS)
        }
        #expect(atOnce.metrics(at: 101) == oneByOne.metrics(at: 101))
        #expect(atOnce.idlenessS(at: 101) == oneByOne.idlenessS(at: 101))
        #expect(atOnce.metrics(at: 101).worstIdlenessS > 0)
    }

    @Test func faultFlagsParseTheirFormsAndRefuseOthers() throws {
        let crash = try FaultFlag.parse(.deviceCrash, "drone-1@300")
        #expect(crash.device == "drone-1" && crash.atS == 300)
        let loss = try FaultFlag.parse(.commLoss, "robot-2@60+30")
        #expect(loss.device == "robot-2" && loss.atS == 60 && loss.durationS == 30)
        let camera = try FaultFlag.parse(.cameraOffline, "cam-08@10+5")
        #expect(camera.camera == "cam-08" && camera.durationS == 5)
        #expect(try FaultFlag.parse(.messageDrop, "0.25").rate == 0.25)
        #expect(throws: SimulationError.self) { try FaultFlag.parse(.messageDrop, "1.5") }
        #expect(throws: SimulationError.self) { try FaultFlag.parse(.commLoss, "robot-2@60") }
        #expect(throws: SimulationError.self) { try FaultFlag.parse(.deviceCrash, "@3") }
    }
}
