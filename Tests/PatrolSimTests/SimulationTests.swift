import Foundation
import PatrolCore
@testable import PatrolSim
import Testing

/// Whole runs against the real in-process hub over inproc sockets, on the tiny mission.
@Suite(.serialized) struct SimulationTests {
    static func run(_ directory: URL, durationS: Double = 15, seed: UInt64 = 3,
                    configure: (inout SimulationOptions) -> Void = { _ in }) throws -> SimulationReport {
        let mission = try Mission.load(from: directory)
        var options = SimulationOptions()
        options.durationS = durationS
        options.seed = seed
        configure(&options)
        let simulation = try Simulation(mission: mission, options: options)
        defer { simulation.close() }
        return try simulation.run()
    }

    /// The report without what depends on the machine's speed.
    static func comparable(_ report: SimulationReport) throws -> Data {
        var stripped = report
        stripped.wallSeconds = 0
        stripped.speedUp = 0
        return try stripped.jsonData()
    }

    @Test func sameSeedGivesTheSameReportBytes() throws {
        let directory = try TinyMission.write(pedestrians: 150)
        let first = try Self.run(directory, durationS: 8)
        let second = try Self.run(directory, durationS: 8)
        #expect(try Self.comparable(first) == Self.comparable(second))
        let other = try Self.run(directory, durationS: 8, seed: 4)
        #expect(try Self.comparable(other) != Self.comparable(first))
    }

    /// The devices send a step's messages while the hub, on its own thread, handles the previous step's;
    /// told how many each device sent, it handles exactly those, so the run is the one pumped in place.
    @Test func theHubOnItsOwnThreadGivesTheRunPumpedInPlace() throws {
        let directory = try TinyMission.write(faults: [
            ["kind": "message_reorder", "rate": 0.2, "at_s": 0],
            ["kind": "camera_offline", "camera": "cam-1", "at_s": 4, "duration_s": 6],
        ])
        let inPlace = try Self.run(directory, durationS: 20) { $0.pumpsHubOnOwnThread = false }
        for _ in 0..<3 {
            let ownThread = try Self.run(directory, durationS: 20) { $0.pumpsHubOnOwnThread = true }
            #expect(try Self.comparable(ownThread) == Self.comparable(inPlace))
        }
        #expect(inPlace.messages.reordered > 0)
        #expect((inPlace.messages.received["assign_route"] ?? 0) >= 3)
    }

    @Test func devicesRegisterFollowHubRoutesAndReportOnTheWire() throws {
        let report = try Self.run(try TinyMission.write(), durationS: 20)
        #expect(report.messages.received["welcome"] == 3)
        #expect((report.messages.received["assign_route"] ?? 0) >= 3)
        #expect((report.messages.sent["observation"] ?? 0) > 30)
        #expect((report.messages.received["ack"] ?? 0) > 30)
        #expect(report.messages.unacknowledged <= 3)
        #expect(report.devices.allSatisfy { $0.distanceM > 10 })
        #expect(report.metrics.coverageFraction > 0.3)
        #expect(report.incidents.total == 1)
        // The hub's first plan, as published on the event socket, is kept beside the measured figures.
        let promise = try #require(report.planPromise)
        #expect(promise.avgIdlenessS > 0 && promise.worstIdlenessS >= promise.avgIdlenessS)
        #expect(report.planEvents >= 1)
    }

    @Test func reportHoldsTheFieldsOfTheDesign() throws {
        let report = try Self.run(try TinyMission.write(), durationS: 10)
        let object = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Any])
        for key in ["avg_idleness_s", "worst_idleness_s", "worst_ratio", "coverage_fraction", "blind_exposure"] {
            #expect(metrics[key] is Double, "metrics.\(key)")
        }
        #expect(metrics.keys.contains("detection_latency_s") || metrics["detection_latency_s"] == nil)
        let incidents = try #require(object["incidents"] as? [String: Any])
        for key in ["total", "detected", "reported", "alerts_observed", "list"] { #expect(incidents[key] != nil, "\(key)") }
        #expect(object["messages"] is [String: Any])
        #expect(object["sim_seconds"] as? Double == 10)
        #expect(object["wall_seconds"] is Double)
        #expect(object["faults"] is [Any])
    }

    @Test func faultsAreAppliedAndReported() throws {
        let directory = try TinyMission.write(faults: [
            ["kind": "device_crash", "device": "drone-2", "at_s": 10],
            ["kind": "comm_loss", "device": "robot-1", "at_s": 5, "duration_s": 10],
            ["kind": "message_drop", "rate": 0.3, "at_s": 0],
            ["kind": "battery_drain", "device": "drone-1", "rate": 30, "at_s": 0],
            ["kind": "camera_offline", "camera": "cam-1", "at_s": 5, "duration_s": 10],
        ])
        let report = try Self.run(directory, durationS: 20) { $0.extraFaults = [SimFault(kind: .messageDuplicate, rate: 0.2)] }
        let crashed = try #require(report.devices.first { $0.id == "drone-2" })
        #expect(crashed.finalState == "fault")
        let drained = try #require(report.devices.first { $0.id == "drone-1" })
        #expect(drained.finalState == "returning" || drained.finalState == "charging" || drained.batteryFraction < 0.6)
        #expect(report.messages.dropped > 0)
        #expect(report.messages.resent > 0)
        #expect(report.messages.duplicated > 0)
        #expect(report.messages.lostToLinkDown > 0)
        let byKind = Dictionary(grouping: report.faults, by: \.kind)
        #expect(byKind["device_crash"]?.first?.applied == 1)
        #expect(byKind["camera_offline"]?.first?.applied == 2)  // offline, then back
        #expect(byKind["message_duplicate"]?.first?.source == "flag")
        #expect(report.faults.allSatisfy { $0.applied > 0 })
    }

    @Test func baselinesDriveTheDevicesThemselves() throws {
        let directory = try TinyMission.write()
        for planner in [SimulationOptions.Planner.random, .lawnmower] {
            let report = try Self.run(directory, durationS: 15) { $0.planner = planner }
            #expect(report.planner == planner.rawValue)
            #expect(report.devices.allSatisfy { ($0.routeID ?? "").hasPrefix(planner == .random ? "random" : "lawnmower") })
            #expect(report.devices.allSatisfy { $0.distanceM > 5 })
            #expect((report.messages.sent["observation"] ?? 0) > 0)
            #expect(report.planPromise == nil)
        }
    }

    @Test func replayPageIsSelfContainedAndCarriesTheRun() throws {
        let replay = try TinyReplay()
        let recorder = replay.recorder, html = replay.html
        #expect(html.utf8.count > 10_000)
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("<canvas") && html.contains("id=\"play\"") && html.contains("type=\"range\""))
        #expect(recorder.frames.count >= 10 && !recorder.heat.isEmpty && !recorder.routes.isEmpty)
    }
}
