import PatrolCore
@testable import PatrolSim
import Testing

@Suite struct PhysicsTests {
    @Test func droneRespectsSpeedAccelerationAndClimbLimits() {
        var drone = DroneBody(position: Point3(x: 0, y: 0, z: 0), maxSpeedMPS: 10, maxAccelMPS2: 3, maxClimbMPS: 2)
        let target = Point3(x: 200, y: 50, z: 40)
        var previous = drone.velocity
        var reached = false
        for _ in 0..<2_000 {
            drone.step(toward: target, cruiseMPS: 12, wind: .zero, dtS: 0.1)
            let v = drone.velocity
            #expect(Point2(x: v.x, y: v.y).length <= 10 + 1e-9)
            #expect(abs(v.z) <= 2 + 1e-9)
            let change = Point2(x: v.x - previous.x, y: v.y - previous.y).length
            #expect(change <= 3 * 0.1 + 1e-9)
            previous = v
            if drone.position.ground.distance(to: target.ground) < 0.05, abs(drone.position.z - 40) < 0.05 {
                reached = true
                break
            }
        }
        #expect(reached)
    }

    @Test func headwindSlowsDroneAndTailwindSpeedsItUp() {
        var upwind = DroneBody(position: Point3(x: 0, y: 0, z: 30), maxSpeedMPS: 10)
        var downwind = upwind
        for _ in 0..<100 {
            upwind.step(toward: Point3(x: 1_000, y: 0, z: 30), cruiseMPS: 10, wind: Point2(x: -4, y: 0), dtS: 0.1)
            downwind.step(toward: Point3(x: 1_000, y: 0, z: 30), cruiseMPS: 10, wind: Point2(x: 4, y: 0), dtS: 0.1)
        }
        #expect(upwind.position.x < downwind.position.x)
        #expect(upwind.groundSpeedMPS <= 6 + 1e-6)
    }

    @Test func robotTurnsInPlaceBeforeDrivingAndNeverEntersBlockedPlaces() {
        var robot = RobotBody(position: Point2(x: 0, y: 0), headingDeg: 0, maxSpeedMPS: 2, maxAccelMPS2: 1,
                              maxTurnRateDPS: 90)
        // Target due south: the robot first turns 180 degrees (2 s) without moving.
        for _ in 0..<10 {
            robot.step(toward: Point2(x: 0, y: -10), remainingM: 10, cruiseMPS: 2, speedCapMPS: 2, dtS: 0.1) { _ in false }
        }
        #expect(robot.position.distance(to: .zero) < 1e-9)
        // A wall at y < -3 stops it.
        for _ in 0..<200 {
            robot.step(toward: Point2(x: 0, y: -10), remainingM: 10, cruiseMPS: 2, speedCapMPS: 2, dtS: 0.1) { $0.y < -3 }
            #expect(robot.position.y >= -3)
            #expect(robot.speedMPS <= 2 + 1e-9)
        }
        #expect(robot.position.y < -2.5)
    }

    @Test func batteryDrainsOneFullChargePerEnduranceAtPatrolSpeedAndRecharges() {
        var battery = Battery(enduranceS: 100, timeShare: 0.6, fullChargeS: 50)
        for _ in 0..<500 { battery.drain(dtS: 0.1, distanceM: 0.5, patrolSpeedMPS: 5) }
        #expect(abs(battery.fraction - 0.5) < 1e-9)
        var hovering = Battery(enduranceS: 100, timeShare: 0.6, fullChargeS: 50)
        for _ in 0..<500 { hovering.drain(dtS: 0.1, distanceM: 0, patrolSpeedMPS: 5) }
        #expect(hovering.fraction > battery.fraction)
        for _ in 0..<250 { battery.charge(dtS: 0.1) }
        #expect(battery.isFull)
    }
}
