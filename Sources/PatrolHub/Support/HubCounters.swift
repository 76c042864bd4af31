/// The hub's counters by name (`messages_in.telemetry`, `rejects.malformed`, `observations_committed`...).
///
/// Names containing `committed`, `stored` or `persisted` are durable: saved with every group commit and
/// loaded at start, so they never go down across a restart.
struct HubCounters {
    private(set) var values: [String: Int64] = [:]

    static func isDurable(_ name: String) -> Bool {
        name.contains("committed") || name.contains("stored") || name.contains("persisted")
    }

    mutating func add(_ name: String, _ amount: Int64 = 1) { values[name, default: 0] += amount }

    mutating func set(_ name: String, _ value: Int64) { values[name] = value }

    subscript(name: String) -> Int64 { values[name] ?? 0 }

    /// The durable counters, for saving.
    var durable: [String: Int64] { values.filter { Self.isDurable($0.key) } }

    /// Restores durable counters loaded from the database.
    mutating func restore(_ durable: [String: Int64]) {
        for (name, value) in durable where Self.isDurable(name) { values[name] = max(values[name] ?? 0, value) }
    }
}
