/// The alerts (`AlertsReply`).
public struct AlertsReply: Hashable, Sendable {
    /// At most `WireLimits.maxListCount`.
    public var alerts: [Alert]

    public init(alerts: [Alert]) {
        self.alerts = alerts
    }
}

extension AlertsReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.count(alerts.count, max: WireLimits.maxListCount, path.child("alerts"))
        for (index, alert) in alerts.enumerated() {
            try alert.validate(at: path.child("alerts").index(index))
        }
    }
}
