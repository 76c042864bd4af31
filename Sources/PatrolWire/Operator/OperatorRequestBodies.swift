// The bodies of `OperatorRequest` that carry fields; each is small and only meaningful inside a request.

/// Load a mission folder on the hub's machine (`LoadMissionRequest`).
public struct LoadMissionRequest: Hashable, Sendable {
    /// Mission folder on the hub's machine: non-empty, <= 4096 bytes.
    public var path: String

    public init(path: String) {
        self.path = path
    }
}

/// Plan the loaded mission (`PlanRequest`).
public struct PlanRequest: Hashable, Sendable {
    /// True: plan without assigning routes.
    public var preview: Bool

    public init(preview: Bool = false) {
        self.preview = preview
    }
}

/// Ask for the live coverage map (`CoverageRequest`).
public struct CoverageRequest: Hashable, Sendable {
    /// True: include the run-length encoded map.
    public var includeCells: Bool

    public init(includeCells: Bool = false) {
        self.includeCells = includeCells
    }
}

/// List alerts (`AlertsRequest`).
public struct AlertsRequest: Hashable, Sendable {
    /// True: resolved alerts too.
    public var includeResolved: Bool

    public init(includeResolved: Bool = false) {
        self.includeResolved = includeResolved
    }
}

/// Acknowledge an open alert (`AcknowledgeAlertRequest`).
public struct AcknowledgeAlertRequest: Hashable, Sendable {
    /// Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var alertID: String
    /// Who acknowledged, <= 64 bytes.
    public var operatorName: String

    public init(alertID: String, operatorName: String = "") {
        self.alertID = alertID
        self.operatorName = operatorName
    }
}

/// Send a device to a place (`DispatchRequest`).
public struct DispatchRequest: Hashable, Sendable {
    /// The device to send; empty: the hub picks the capable device with the shortest travel time.
    public var deviceID: String
    public var target: Vec3
    /// The alert this answers; empty if none.
    public var alertID: String

    public init(deviceID: String = "", target: Vec3, alertID: String = "") {
        self.deviceID = deviceID
        self.target = target
        self.alertID = alertID
    }
}

/// Plan again now (`ReplanRequest`).
public struct ReplanRequest: Hashable, Sendable {
    /// Why, for the event log; <= 256 bytes.
    public var reason: String

    public init(reason: String = "") {
        self.reason = reason
    }
}

/// Mark a fixed camera online or offline (`SetCameraStateRequest`).
public struct SetCameraStateRequest: Hashable, Sendable {
    /// Fixed camera id from site.geojson: non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var cameraID: String
    public var online: Bool

    public init(cameraID: String, online: Bool) {
        self.cameraID = cameraID
        self.online = online
    }
}

extension LoadMissionRequest: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.text(self.path, path.child("path"), maxBytes: 4096, required: true)
    }
}

extension AcknowledgeAlertRequest: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(alertID, path.child("alert_id"))
        try Check.text(operatorName, path.child("operator_name"), maxBytes: 64)
    }
}

extension DispatchRequest: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(deviceID, path.child("device_id"), optional: true)
        try target.validate(at: path.child("target"))
        try Check.id(alertID, path.child("alert_id"), optional: true)
    }
}

extension ReplanRequest: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.text(reason, path.child("reason"), maxBytes: 256)
    }
}

extension SetCameraStateRequest: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(cameraID, path.child("camera_id"))
    }
}
