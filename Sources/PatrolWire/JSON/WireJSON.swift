// JSON for `patrolctl --json`: snake_case keys equal to the proto field names, enums as their lowercase names
// ("drone", "patrolling", "open"). Encoding only: JSON is for people and scripts, the wire is protobuf.

extension Vec3: Encodable {
    private enum CodingKeys: String, CodingKey {
        case xM = "x_m", yM = "y_m", zM = "z_m"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(xM, forKey: .xM)
        try container.encode(yM, forKey: .yM)
        try container.encode(zM, forKey: .zM)
    }
}

extension Waypoint: Encodable {
    private enum CodingKeys: String, CodingKey {
        case position, offsetS = "offset_s", headingDeg = "heading_deg", look
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(position, forKey: .position)
        try container.encode(offsetS, forKey: .offsetS)
        try container.encode(headingDeg, forKey: .headingDeg)
        try container.encode(look, forKey: .look)
    }
}

extension PatrolMetrics: Encodable {
    private enum CodingKeys: String, CodingKey {
        case avgIdlenessS = "avg_idleness_s", worstIdlenessS = "worst_idleness_s", worstRatio = "worst_ratio"
        case coverageFraction = "coverage_fraction", blindExposure = "blind_exposure", planMS = "plan_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(avgIdlenessS, forKey: .avgIdlenessS)
        try container.encode(worstIdlenessS, forKey: .worstIdlenessS)
        try container.encode(worstRatio, forKey: .worstRatio)
        try container.encode(coverageFraction, forKey: .coverageFraction)
        try container.encode(blindExposure, forKey: .blindExposure)
        try container.encode(planMS, forKey: .planMS)
    }
}

extension Alert: Encodable {
    private enum CodingKeys: String, CodingKey {
        case alertID = "alert_id", kind, severity, state, message, position, openedMS = "opened_ms"
        case updatedMS = "updated_ms", deviceID = "device_id", value, evidenceRef = "evidence_ref"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alertID, forKey: .alertID)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(state, forKey: .state)
        try container.encode(message, forKey: .message)
        try container.encode(position, forKey: .position)
        try container.encode(openedMS, forKey: .openedMS)
        try container.encode(updatedMS, forKey: .updatedMS)
        try container.encode(deviceID, forKey: .deviceID)
        try container.encode(value, forKey: .value)
        try container.encode(evidenceRef, forKey: .evidenceRef)
    }
}

extension DeviceInfo: Encodable {
    private enum CodingKeys: String, CodingKey {
        case deviceID = "device_id", kind, state, position, headingDeg = "heading_deg"
        case batteryFraction = "battery_fraction", lastSeenMS = "last_seen_ms", connected, routeID = "route_id"
        case routeVersion = "route_version", speedMPS = "speed_mps"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deviceID, forKey: .deviceID)
        try container.encode(kind, forKey: .kind)
        try container.encode(state, forKey: .state)
        try container.encode(position, forKey: .position)
        try container.encode(headingDeg, forKey: .headingDeg)
        try container.encode(batteryFraction, forKey: .batteryFraction)
        try container.encode(lastSeenMS, forKey: .lastSeenMS)
        try container.encode(connected, forKey: .connected)
        try container.encode(routeID, forKey: .routeID)
        try container.encode(routeVersion, forKey: .routeVersion)
        try container.encode(speedMPS, forKey: .speedMPS)
    }
}

extension StatusReply: Encodable {
    private enum CodingKeys: String, CodingKey {
        case siteID = "site_id", missionName = "mission_name", missionState = "mission_state"
        case hubTimeMS = "hub_time_ms", uptimeS = "uptime_s", devicesTotal = "devices_total"
        case devicesConnected = "devices_connected", alertsOpen = "alerts_open", counters, metrics
        case planID = "plan_id"
    }

    /// `counters` becomes one flat object, name -> value; `metrics` is left out when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(siteID, forKey: .siteID)
        try container.encode(missionName, forKey: .missionName)
        try container.encode(missionState, forKey: .missionState)
        try container.encode(hubTimeMS, forKey: .hubTimeMS)
        try container.encode(uptimeS, forKey: .uptimeS)
        try container.encode(devicesTotal, forKey: .devicesTotal)
        try container.encode(devicesConnected, forKey: .devicesConnected)
        try container.encode(alertsOpen, forKey: .alertsOpen)
        let flat = Dictionary(counters.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        try container.encode(flat, forKey: .counters)
        try container.encodeIfPresent(metrics, forKey: .metrics)
        try container.encode(planID, forKey: .planID)
    }
}

extension BlindSpot: Encodable {
    private enum CodingKeys: String, CodingKey {
        case blindSpotID = "blind_spot_id", areaM2 = "area_m2", weight, worstIdlenessS = "worst_idleness_s"
        case centroid, cellCount = "cell_count", revisitS = "revisit_s"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(blindSpotID, forKey: .blindSpotID)
        try container.encode(areaM2, forKey: .areaM2)
        try container.encode(weight, forKey: .weight)
        try container.encode(worstIdlenessS, forKey: .worstIdlenessS)
        try container.encode(centroid, forKey: .centroid)
        try container.encode(cellCount, forKey: .cellCount)
        try container.encode(revisitS, forKey: .revisitS)
    }
}

extension Route: Encodable {
    private enum CodingKeys: String, CodingKey {
        case deviceID = "device_id", kind, waypoints, cycleS = "cycle_s", startOffsetS = "start_offset_s"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deviceID, forKey: .deviceID)
        try container.encode(kind, forKey: .kind)
        try container.encode(waypoints, forKey: .waypoints)
        try container.encode(cycleS, forKey: .cycleS)
        try container.encode(startOffsetS, forKey: .startOffsetS)
    }
}

extension PlanReply: Encodable {
    private enum CodingKeys: String, CodingKey {
        case planID = "plan_id", routes, metrics
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(planID, forKey: .planID)
        try container.encode(routes, forKey: .routes)
        try container.encode(metrics, forKey: .metrics)
    }
}

extension DevicesReply: Encodable {
    private enum CodingKeys: String, CodingKey {
        case devices
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(devices, forKey: .devices)
    }
}

extension AlertsReply: Encodable {
    private enum CodingKeys: String, CodingKey {
        case alerts
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alerts, forKey: .alerts)
    }
}

extension BlindSpotsReply: Encodable {
    private enum CodingKeys: String, CodingKey {
        case blindSpots = "blind_spots", hubTimeMS = "hub_time_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(blindSpots, forKey: .blindSpots)
        try container.encode(hubTimeMS, forKey: .hubTimeMS)
    }
}

extension DispatchReply: Encodable {
    private enum CodingKeys: String, CodingKey {
        case deviceID = "device_id", travelTimeS = "travel_time_s"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deviceID, forKey: .deviceID)
        try container.encode(travelTimeS, forKey: .travelTimeS)
    }
}
