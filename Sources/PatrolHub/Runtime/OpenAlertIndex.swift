import PatrolWire

/// The hub's open (not resolved) alerts by dedupe key and by kind and device.
///
/// The route-following check raises or resolves an alert for every patrolling device four times a second,
/// and the hub keeps every alert it ever raised (operators list them); a scan over all of them made that
/// check the largest cost of 500-device runs. Lists hold alert ids in the order they were opened; more
/// than one id under a key happens only with alerts restored from an older database, and callers then fall
/// back to scanning, which keeps the order they always had.
struct OpenAlertIndex {
    struct KindAndDevice: Hashable {
        let kind: AlertKind
        let deviceID: String
    }

    private var idsByKey: [String: [String]] = [:]
    private var idsByKindAndDevice: [KindAndDevice: [String]] = [:]

    /// The open alerts whose dedupe key is `key`.
    func ids(key: String) -> [String] { idsByKey[key] ?? [] }

    /// The open alerts of `kind` for `deviceID`.
    func ids(kind: AlertKind, deviceID: String) -> [String] {
        idsByKindAndDevice[KindAndDevice(kind: kind, deviceID: deviceID)] ?? []
    }

    /// Records an alert's new state: open and acknowledged alerts are indexed, resolved ones leave.
    /// - Parameters:
    ///   - alert: the alert as stored now.
    ///   - key: its dedupe key (nil for an alert that has none: it is then found by kind and device only).
    mutating func update(_ alert: Alert, key: String?) {
        let kindAndDevice = KindAndDevice(kind: alert.kind, deviceID: alert.deviceID)
        if alert.state == .resolved {
            if let key { Self.remove(alert.alertID, from: &idsByKey, at: key) }
            Self.remove(alert.alertID, from: &idsByKindAndDevice, at: kindAndDevice)
        } else {
            if let key { Self.insert(alert.alertID, into: &idsByKey, at: key) }
            Self.insert(alert.alertID, into: &idsByKindAndDevice, at: kindAndDevice)
        }
    }

    private static func insert<Key: Hashable>(_ id: String, into index: inout [Key: [String]], at key: Key) {
        if index[key]?.contains(id) != true { index[key, default: []].append(id) }
    }

    private static func remove<Key: Hashable>(_ id: String, from index: inout [Key: [String]], at key: Key) {
        guard var ids = index[key], let position = ids.firstIndex(of: id) else { return }
        ids.remove(at: position)
        index[key] = ids.isEmpty ? nil : ids
    }
}
