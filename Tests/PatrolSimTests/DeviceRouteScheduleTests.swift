import Foundation
import PatrolCore
@testable import PatrolSim
import Testing

/// AssignRoute's `start_offset_s` as the planner means it: the device heads for the first waypoint and is due
/// there that many seconds after the route arrives; every later waypoint is due its offset after that.
@Suite struct DeviceRouteScheduleTests {
    let stops = [DeviceRoute.Stop(position: Point3(x: -30, y: -30, z: 25), offsetS: 0),
                 DeviceRoute.Stop(position: Point3(x: 30, y: -30, z: 25), offsetS: 30),
                 DeviceRoute.Stop(position: Point3(x: 30, y: 30, z: 25), offsetS: 60)]

    @Test func theFirstStopComesFirstAndTheScheduleCountsFromItsDueTime() {
        var route = DeviceRoute(routeID: "r", version: 1, stops: stops, cyclic: true, cycleS: 90)
        #expect(route.next == 0)
        route.start(at: 100, startOffsetS: 45)
        // Stop 1 is due at 100 + 45 + 30 = 175 s; 60 m at 10 m/s takes 6 s, so leave stop 0 at 169 s.
        let departureS = route.departureS(cruiseMPS: 10)
        #expect(departureS.map { abs($0 - 169) < 1e-9 } == true)
        route.advance()
        route.advance()
        // From the last stop the next one is stop 0 of the following cycle: due at 145 + 90 = 235 s.
        let wrapDepartureS = route.departureS(cruiseMPS: 10)
        let legS = Point2(x: 30, y: 30).distance(to: Point2(x: -30, y: -30)) / 10
        #expect(wrapDepartureS.map { abs($0 - (235 - legS)) < 1e-9 } == true)
    }

    @Test func aDroneGivenAStartOffsetReachesTheSecondStopOnItsDueTime() throws {
        let mission = try Mission.load(from: try TinyMission.write())
        let grid = SiteGrid(mission: mission)
        var paths = GridPathFinder(grid: grid, passable: grid.robotTraversable)
        let spec = try #require(mission.fleet.first { $0.kind == .drone })
        var drone = SimDevice(spec: spec, dock: Point2(x: -30, y: -30))
        drone.assign(DeviceRoute(routeID: "r", version: 1, stops: stops, cyclic: true, cycleS: 90),
                     at: 0, startOffsetS: 40)
        var arrivedS: Double?
        for step in 0..<1_000 where arrivedS == nil {
            let nowS = Double(step) * 0.1
            drone.step(dtS: 0.1, nowS: nowS, wind: .zero, paths: &paths, crowd: nil)
            if drone.position.distance(to: Point2(x: 30, y: -30)) < 1 { arrivedS = nowS }
        }
        // Due at 40 + 30 = 70 s: it waits at the first stop instead of running ahead (the old reading, "start
        // 40 s into the cycle", skipped the first two stops and made for the third at once).
        let arrival = try #require(arrivedS)
        #expect(arrival > 66 && arrival < 74, "arrived at \(arrival) s")
    }
}
