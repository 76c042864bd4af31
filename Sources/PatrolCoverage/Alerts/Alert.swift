import PatrolCore

/// An alert for operators: one incident or condition, opened once, updated while it lasts, resolved when
/// it clears.
public struct Alert: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A high-weight blind spot unseen beyond `staleAlertFactor` times its revisit target.
        case staleBlindSpot = "stale_blind_spot"
        /// Crowd density above `crowd_density_alert_ppm2` for `crowdDensitySustainS`.
        case crowdDensity = "crowd_density"
        /// Something a device detected.
        case detection
        /// A device stopped sending heartbeats.
        case deviceLost = "device_lost"
        /// A fixed camera went offline.
        case cameraOffline = "camera_offline"
    }

    public enum Severity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case info
        case warning
        case critical

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .critical: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case open
        case acknowledged
        case resolved
    }

    /// Stable for the alert's life, e.g. `detection-12`.
    public var id: String
    public var kind: Kind
    public var severity: Severity
    public var state: State
    /// One line naming the place or device.
    public var message: String
    /// Where, local metres, when the alert has a place.
    public var position: Point2?
    /// The device or camera concerned, if any.
    public var deviceID: String?
    public var openedMS: Int64
    public var updatedMS: Int64
    public var resolvedMS: Int64?
    /// The measured quantity: worst idleness / target, density (persons per m2), detection confidence,
    /// or seconds since the device was last heard.
    public var value: Double
    /// Evidence reference of a detection (image or clip id in the device's store).
    public var evidenceRef: String?
    /// The reporting device's own id of a detection.
    public var detectionID: String?
    /// What a detection found (`fall`, `smoke`...); nil for other kinds.
    public var detectionKind: String?
    /// How many reports this alert merged (detections), or updates applied.
    public var reports: Int

    enum CodingKeys: String, CodingKey {
        case id
        case kind
        case severity
        case state
        case message
        case position
        case deviceID = "device_id"
        case openedMS = "opened_ms"
        case updatedMS = "updated_ms"
        case resolvedMS = "resolved_ms"
        case value
        case evidenceRef = "evidence_ref"
        case detectionID = "detection_id"
        case detectionKind = "detection_kind"
        case reports
    }

    public init(id: String, kind: Kind, severity: Severity, state: State = .open, message: String,
                position: Point2? = nil, deviceID: String? = nil, openedMS: Int64, updatedMS: Int64,
                resolvedMS: Int64? = nil, value: Double, evidenceRef: String? = nil, detectionID: String? = nil, detectionKind: String? = nil,
                reports: Int = 1) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.state = state
        self.message = message
        self.position = position
        self.deviceID = deviceID
        self.openedMS = openedMS
        self.updatedMS = updatedMS
        self.resolvedMS = resolvedMS
        self.value = value
        self.evidenceRef = evidenceRef
        self.detectionID = detectionID
        self.detectionKind = detectionKind
        self.reports = reports
    }

    /// Open or acknowledged.
    public var isActive: Bool { state != .resolved }
}

/// A change the alert engine made, for the hub to publish on `alert` and persist.
public struct AlertChange: Hashable, Sendable {
    public enum Change: String, Hashable, Sendable, Codable {
        case opened
        case updated
        case acknowledged
        case resolved
    }

    public var change: Change
    /// The alert after the change.
    public var alert: Alert

    public init(_ change: Change, _ alert: Alert) {
        self.change = change
        self.alert = alert
    }
}

/// Why the alert engine refused a request.
public enum AlertError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownAlert(String)
    case alreadyResolved(String)

    public var description: String {
        switch self {
        case .unknownAlert(let id): "unknown alert '\(id)'; expected the id of an open or acknowledged alert"
        case .alreadyResolved(let id): "alert '\(id)' is already resolved; only open alerts can be acknowledged"
        }
    }
}
