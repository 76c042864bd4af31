import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// `plansInBackground`: replans are searched by the planning worker while the hub goes on pumping, and
/// applied by the hub thread at the first pump after the worker answers.
@Suite struct BackgroundPlanningTests {
    let context: Context
    let clock = ManualClock()
    let hub: Hub
    let configuration: HubConfiguration

    init() throws {
        context = try Context()
        var configuration = HubConfiguration.inproc(try TestMission.write())
        configuration.plansInBackground = true
        self.configuration = configuration
        hub = try Hub(configuration: configuration, context: context, clock: clock)
    }

    private func step() throws {
        clock.advance(byMS: 100)
        try hub.pump(nowMS: clock.nowMS())
    }

    /// Pumps (100 simulated ms, a few real ms apart) until `done`, for at most 5 real seconds.
    private func pump(until done: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(5)
        while try !done() {
            guard Date() < deadline else { throw HubError("condition not met within 5 s") }
            Thread.sleep(forTimeInterval: 0.002)
            try step()
        }
    }

    /// The fleet of the test mission, welcomed.
    private func connectedFleet() throws -> [TestDevice] {
        let fleet = try [("drone-a", DeviceKind.drone), ("drone-b", .drone), ("robot-a", .robot)].map { id, kind in
            let device = try TestDevice(id, context: context, endpoint: configuration.deviceEndpoint)
            try device.hello(kind: kind, sentMS: clock.nowMS())
            return device
        }
        try step()
        return fleet
    }

    /// The fleet, welcomed and given the routes of a plan searched in the background.
    private func routedFleet() throws -> [TestDevice] {
        let fleet = try connectedFleet()
        try pump { hub.planning != nil }
        try pump { hub.planning == nil }
        return fleet
    }

    /// Pumps until `socket` receives the reply to `requestID`, which must be a plan.
    private func pumpUntilPlanReply(on socket: Socket, requestID: UInt64) throws -> PlanReply {
        var reply: OperatorReply?
        try pump {
            reply = try socket.receiveMultipart(dontWait: true).flatMap { $0.last }.map(OperatorReply.init(decoding:))
            return reply != nil
        }
        let answered = try #require(reply)
        #expect(answered.requestID == requestID)
        guard case .plan(let plan) = answered.body else { throw HubError("expected a plan reply, got \(answered.body)") }
        return plan
    }

    @Test func thePumpThatStartsASearchReturnsAndALaterOneAssignsItsRoutes() throws {
        // The mission started at launch with nobody to plan for: that empty plan is made in place.
        let plansBefore = hub.counters["plans"]
        let fleet = try connectedFleet()
        try pump { hub.planning != nil }
        // The search runs on the worker; the plan is applied at a later pump, never the one that started it.
        #expect(hub.counters["plans"] == plansBefore)
        #expect(fleet.allSatisfy { (try? $0.receiveAll().contains { $0.route != nil }) == false })
        try pump { hub.planning == nil }
        #expect(hub.counters["plans"] == plansBefore + 1)
        for device in fleet {
            #expect(try device.await { $0.route != nil } != nil, "\(device.id) got no route")
        }
        #expect(hub.mission?.routes.count == fleet.count)
    }

    @Test func anOperatorsReplanIsAnsweredWithTheNewPlanOnceItIsApplied() throws {
        _ = try routedFleet()
        let firstPlanID = try #require(hub.mission?.planID)
        let operatorSocket = try Socket(context, type: .dealer)
        defer { operatorSocket.close() }
        try operatorSocket.connect(configuration.operatorEndpoint)
        try operatorSocket.send([[], OperatorRequest(requestID: 7, body: .replan(ReplanRequest(reason: "test")))
            .encoded()])
        Thread.sleep(forTimeInterval: 0.02)
        try step()
        #expect(hub.planning != nil)
        #expect(try operatorSocket.receiveMultipart(dontWait: true) == nil)
        let plan = try pumpUntilPlanReply(on: operatorSocket, requestID: 7)
        #expect(plan.planID != firstPlanID)
        #expect(plan.planID == hub.mission?.planID)
        #expect(!plan.routes.isEmpty)
    }

    @Test func anOperatorWaitingForAPlanIsAnsweredWhenTheMissionStopsFirst() throws {
        _ = try routedFleet()
        let operatorSocket = try Socket(context, type: .dealer)
        defer { operatorSocket.close() }
        try operatorSocket.set(.routingID, Array("op-1".utf8))
        try operatorSocket.connect(configuration.operatorEndpoint)
        Thread.sleep(forTimeInterval: 0.02)
        // A search under way, and an operator's replan queued behind it, as `receiveOperatorRequests` queues one.
        hub.replan(reason: "under way")
        let jobsBefore = hub.planningJobsStarted
        hub.replan(reason: "operator")
        let awaited = try #require(hub.planToAwait(jobsBefore: jobsBefore))
        #expect(awaited == jobsBefore + 1)
        hub.planWaiters.append(PlanWaiter(envelope: [Array("op-1".utf8), []], requestID: 9, afterJob: awaited))
        // The mission stops before the queued replan is made: it never will be, and the operator is answered.
        hub.stopMission()
        let plan = try pumpUntilPlanReply(on: operatorSocket, requestID: 9)
        #expect(plan.routes.isEmpty)
        #expect(hub.planWaiters.isEmpty)
    }

    @Test func aPlanFoundAfterTheMissionStoppedIsDropped() throws {
        _ = try routedFleet()
        let plansBefore = hub.counters["plans"]
        hub.replan(reason: "test")
        #expect(hub.planning != nil)
        hub.stopMission()
        try pump { hub.planning == nil }
        #expect(hub.counters["plans"] == plansBefore)
        #expect(hub.mission?.routes.isEmpty == true)
    }

    @Test func aPlanAskedForBeforeTheMissionStoppedAndStartedAgainIsDroppedForAFreshOne() throws {
        _ = try routedFleet()
        let plansBefore = hub.counters["plans"]
        hub.replan(reason: "before the stop")
        hub.stopMission()
        hub.startMission(reason: "operator")
        #expect(hub.replanDue?.reason == "operator")
        try pump { hub.counters["plans"] == plansBefore + 1 && hub.planning == nil }
        #expect(hub.replanDue == nil)
        #expect(hub.mission?.routes.count == 3)
    }

    @Test func aReplanAskedForWhileOneIsSearchedIsMadeAfterIt() throws {
        _ = try routedFleet()
        let plansBefore = hub.counters["plans"]
        hub.replan(reason: "first")
        hub.replan(reason: "second")
        #expect(hub.replanDue?.reason == "second")
        try pump { hub.counters["plans"] == plansBefore + 2 && hub.planning == nil }
        #expect(hub.replanDue == nil)
    }

    @Test func withoutItsWorkerTheHubPlansInPlace() throws {
        _ = try routedFleet()
        let plansBefore = hub.counters["plans"]
        hub.planningWorker?.close()
        hub.replan(reason: "worker gone")
        #expect(hub.planning == nil)
        #expect(hub.counters["plans"] == plansBefore + 1)
    }

    @Test func aPreviewIsSearchedOffTheHubThreadAndAssignsNothing() throws {
        _ = try routedFleet()
        let planID = hub.mission?.planID
        let plansBefore = hub.counters["plans"]
        let operatorSocket = try Socket(context, type: .dealer)
        defer { operatorSocket.close() }
        try operatorSocket.connect(configuration.operatorEndpoint)
        for requestID in [11, 12] as [UInt64] {
            try operatorSocket.send([[], OperatorRequest(requestID: requestID, body: .plan(PlanRequest(preview: true)))
                .encoded()])
        }
        Thread.sleep(forTimeInterval: 0.02)
        try step()
        // Both wait for the one search, which the next pumps collect.
        #expect(hub.previewWaiters.count == 2)
        #expect(try operatorSocket.receiveMultipart(dontWait: true) == nil)
        let first = try pumpUntilPlanReply(on: operatorSocket, requestID: 11)
        let second = try #require(try operatorSocket.receiveMultipart(dontWait: true)?.last)
        #expect(try OperatorReply(decoding: second).requestID == 12)
        #expect(first.planID == "preview")
        #expect(first.routes.count == 3)
        #expect(hub.mission?.planID == planID)
        #expect(hub.counters["plans"] == plansBefore)
    }
}
