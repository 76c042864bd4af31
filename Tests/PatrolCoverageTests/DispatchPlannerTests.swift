import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct DispatchPlannerTests {
    let target = DispatchTarget(position: Point2(x: 100, y: 0), reason: "alert detection-1")

    /// Straight-line time at each kind's speed; robots cannot cross x = 50 south of y = 10 (a wall).
    func travelTimeS(_ device: DispatchCandidate, _ point: Point2) -> Double? {
        let distance = device.position.ground.distance(to: point)
        switch device.kind {
        case .drone: return distance / 10
        case .robot: return device.position.x < 50 && device.position.y < 10 ? nil : distance / 2
        }
    }

    @Test func theAvailableCapableDeviceThatArrivesFirstGoes() {
        let fleet = [
            DispatchCandidate(id: "drone-far", kind: .drone, position: Point3(x: 0, y: 0, z: 30), state: .patrolling),
            DispatchCandidate(id: "drone-busy", kind: .drone, position: Point3(x: 95, y: 0, z: 30), state: .dispatched),
            DispatchCandidate(id: "robot-near", kind: .robot, position: Point3(x: 90, y: 0, z: 0), state: .idle),
            DispatchCandidate(id: "drone-mid", kind: .drone, position: Point3(x: 60, y: 0, z: 30), state: .patrolling),
        ]
        guard case .chosen(let choice) = DispatchPlanner.choose(candidates: fleet, target: target,
                                                                travelTimeS: travelTimeS) else {
            Issue.record("expected a choice")
            return
        }
        #expect(choice.deviceID == "drone-mid" && choice.travelTimeS == 4)
        #expect(choice.alternatives.map(\.deviceID) == ["robot-near", "drone-far"])
        #expect(choice.rejections == [DispatchPlanner.Rejection(deviceID: "drone-busy", reason: "is dispatched")])

        let thermal = DispatchTarget(position: target.position, requiredCapabilities: ["camera", "thermal"],
                                     allowedKinds: [.robot], reason: "smoke")
        var equipped = fleet
        equipped[2].capabilities = ["camera", "thermal"]
        if case .chosen(let robot) = DispatchPlanner.choose(candidates: equipped, target: thermal, travelTimeS: travelTimeS) {
            #expect(robot.deviceID == "robot-near")
        } else {
            Issue.record("the thermal robot should go")
        }
    }

    @Test func tiesGoToTheSmallerIdWhateverTheOrder() {
        let a = DispatchCandidate(id: "drone-a", kind: .drone, position: Point3(x: 100, y: 50, z: 30), state: .patrolling)
        let b = DispatchCandidate(id: "drone-b", kind: .drone, position: Point3(x: 100, y: -50, z: 30), state: .idle)
        for fleet in [[a, b], [b, a]] {
            let decision = DispatchPlanner.choose(candidates: fleet, target: target, travelTimeS: travelTimeS)
            guard case .chosen(let choice) = decision else {
                Issue.record("expected a choice")
                continue
            }
            #expect(choice.deviceID == "drone-a")
        }
    }

    @Test func noneAvailableIsExplainedDeviceByDevice() {
        let fleet = [
            DispatchCandidate(id: "drone-1", kind: .drone, position: Point3(x: 0, y: 0, z: 0), state: .charging),
            DispatchCandidate(id: "robot-1", kind: .robot, position: Point3(x: 0, y: 0, z: 0), state: .patrolling),
            DispatchCandidate(id: "robot-2", kind: .robot, position: Point3(x: 60, y: 40, z: 0), state: .idle,
                              capabilities: []),
        ]
        let decision = DispatchPlanner.choose(candidates: fleet, target: target, travelTimeS: travelTimeS)
        guard case .noneAvailable(let explanation, let rejections) = decision else {
            Issue.record("expected no device")
            return
        }
        #expect(rejections.map(\.deviceID) == ["drone-1", "robot-1", "robot-2"])
        #expect(explanation == "no device can go to (100, 0) m for alert detection-1: drone-1 is charging; "
            + "robot-1 has no path to the target; robot-2 lacks camera")
    }
}
