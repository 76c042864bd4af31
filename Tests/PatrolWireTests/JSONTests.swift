import Foundation
import PatrolWire
import Testing

/// `patrolctl --json` output: proto field names as keys, enums as lowercase names, counters as one object.
struct JSONTests {
    private func json(_ value: some Encodable) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func deviceInfoUsesProtoNamesAndLowercaseEnums() throws {
        let object = try json(WireSamples.device)
        #expect(Set(object.keys) == ["device_id", "kind", "state", "position", "heading_deg", "battery_fraction",
                                     "last_seen_ms", "connected", "route_id", "route_version", "speed_mps"])
        #expect(object["kind"] as? String == "robot")
        #expect(object["state"] as? String == "lost")
        #expect(object["last_seen_ms"] as? Int64 == 1_764_800_001_000)
        let position = try #require(object["position"] as? [String: Double])
        #expect(position == ["x_m": -1234.5, "y_m": 987.25, "z_m": 42.75])
    }

    @Test func statusReplyFlattensCounters() throws {
        guard case .status(let status) = WireSamples.operatorReplies[1].body else {
            Issue.record("sample 1 is not a status reply")
            return
        }
        let object = try json(status)
        let counters = try #require(object["counters"] as? [String: Double])
        #expect(counters == ["messages_in.telemetry": 14_400, "rejects.malformed": 3])
        #expect(object["site_id"] as? String == "plaza")
        #expect((object["metrics"] as? [String: Double])?["coverage_fraction"] == 0.93)
        var noMetrics = status
        noMetrics.metrics = nil
        #expect(try json(noMetrics)["metrics"] == nil)
    }

    @Test func alertUsesSnakeCaseEnumNames() throws {
        let object = try json(WireSamples.alert)
        #expect(object["kind"] as? String == "crowd_density")
        #expect(object["severity"] as? String == "critical")
        #expect(object["state"] as? String == "acknowledged")
        #expect(object["alert_id"] as? String == "alert-17")
        #expect(object["evidence_ref"] as? String == "img://drone-2/000451.jpg")
    }

    @Test func planReplyNestsRoutesWaypointsAndMetrics() throws {
        let object = try json(WireSamples.plan)
        #expect(object["plan_id"] as? String == "plan-0004")
        let routes = try #require(object["routes"] as? [[String: Any]])
        #expect(routes.count == 2)
        #expect(routes[0]["kind"] as? String == "drone")
        #expect(routes[0]["cycle_s"] as? Double == 240.5)
        let waypoints = try #require(routes[0]["waypoints"] as? [[String: Any]])
        #expect(waypoints.count == 3)
        #expect(waypoints[1]["heading_deg"] as? Double == 359.5)
        #expect(waypoints[1]["look"] as? Bool == true)
        let metrics = try #require(object["metrics"] as? [String: Double])
        #expect(Set(metrics.keys) == ["avg_idleness_s", "worst_idleness_s", "worst_ratio", "coverage_fraction",
                                      "blind_exposure", "plan_ms"])
    }

    @Test func blindSpotUsesProtoNames() throws {
        let spot = BlindSpot(blindSpotID: 3, areaM2: 112.5, weight: 2, worstIdlenessS: 400, centroid: .zero,
                             cellCount: 18, revisitS: 60)
        let object = try json(spot)
        #expect(Set(object.keys) == ["blind_spot_id", "area_m2", "weight", "worst_idleness_s", "centroid",
                                     "cell_count", "revisit_s"])
        #expect(object["cell_count"] as? Int == 18)
    }
}
