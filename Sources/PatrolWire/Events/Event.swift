/// One message of the hub's event stream (`Event`), published after a topic frame
/// (`fleet`, `plan`, `coverage`, `alert`).
public struct Event: Hashable, Sendable {
    /// The event: the proto's `oneof body`. `AlertEvent` carries one alert, so `.alert` holds it directly.
    public enum Body: Hashable, Sendable {
        case fleet(FleetEvent)
        case plan(PlanEvent)
        case coverage(CoverageEvent)
        case alert(Alert)

        /// The topic frame the hub publishes this event under.
        public var topic: String {
            switch self {
            case .fleet: "fleet"
            case .plan: "plan"
            case .coverage: "coverage"
            case .alert: "alert"
            }
        }
    }

    /// The hub's site: every event carries it. Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var siteID: String
    /// Per-hub event sequence, strictly increasing.
    public var seq: UInt64
    /// Milliseconds since the Unix epoch.
    public var timeMS: Int64
    public var body: Body

    public init(siteID: String, seq: UInt64, timeMS: Int64, body: Body) {
        self.siteID = siteID
        self.seq = seq
        self.timeMS = timeMS
        self.body = body
    }
}

extension Event: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(siteID, path.child("site_id"))
        try Check.timestamp(timeMS, path.child("time_ms"))
        switch body {
        case .fleet(let event): try event.validate(at: path.child("fleet"))
        case .plan(let event): try event.validate(at: path.child("plan"))
        case .coverage(let event): try event.validate(at: path.child("coverage"))
        case .alert(let alert): try alert.validate(at: path.child("alert").child("alert"))
        }
    }
}
