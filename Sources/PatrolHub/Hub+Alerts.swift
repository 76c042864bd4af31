import PatrolCore
import PatrolWire

/// Alerts: raised by the hub's own checks and by detections, acknowledged by operators, resolved when the
/// condition clears; every change is stored and published on the `alert` topic.
extension Hub {
    /// Opens an alert, or refreshes the open one of the same kind for the same device.
    /// - Parameter message: built only when the alert is opened or re-published (the route-following check
    ///   re-raises a persisting condition four times a second; it goes out at most every 5 s).
    /// - Returns: the alert id.
    @discardableResult
    func raiseAlert(kind: AlertKind, severity: Severity, deviceID: String, position: Vec3,
                    message: @autoclosure () -> String, value: Double, evidenceRef: String = "",
                    key: String? = nil) -> String {
        let dedupeKey = key ?? "\(kind.rawValue):\(deviceID)"
        if let existing = openAlert(key: dedupeKey) {
            // A condition that persists is re-published at most every 5 s, not at every check.
            guard nowMS - existing.updatedMS >= 5000 else { return existing.alertID }
            var alert = existing
            alert.updatedMS = nowMS
            alert.value = value
            alert.position = position
            alert.message = message().clipped(maxBytes: 500)
            updateAlert(alert)
            return alert.alertID
        }
        alertSeq += 1
        let alertID = "a\(alertSeq)"
        let text = message()
        let alert = Alert(alertID: alertID, kind: kind, severity: severity, state: .open,
                          message: text.clipped(maxBytes: 500), position: position,
                          openedMS: nowMS, updatedMS: nowMS, deviceID: deviceID, value: value,
                          evidenceRef: evidenceRef.clipped(maxBytes: 256))
        alertKeys[alertID] = dedupeKey
        count("alerts_raised.\(kind.rawValue)")
        log(.warning, "alert", ["alert": alertID, "kind": kind.rawValue, "device": deviceID, "message": text])
        updateAlert(alert)
        return alertID
    }

    /// The open (or acknowledged) alert raised under `key`, if any.
    func openAlert(key: String) -> Alert? {
        let ids = openAlerts.ids(key: key)
        if ids.count == 1 { return alerts[ids[0]] }
        guard ids.count > 1 else { return nil }
        // Several open under one key (restored from an older database): the first in the order it always was.
        return alerts.values.first { $0.state != .resolved && alertKeys[$0.alertID] == key }
    }

    /// Stores, keeps and publishes a new state of an alert.
    func updateAlert(_ alert: Alert) {
        alerts[alert.alertID] = alert
        openAlerts.update(alert, key: alertKeys[alert.alertID])
        batch.alerts[alert.alertID] = alert
        publish(.alert(alert))
    }

    /// Resolves the open alerts of `kind` for `deviceID` (the condition cleared).
    func resolveAlerts(kind: AlertKind, deviceID: String) {
        let ids = openAlerts.ids(kind: kind, deviceID: deviceID)
        if ids.count == 1 {
            resolveAlert(ids[0])
            return
        }
        guard ids.count > 1 else { return }
        for alert in alerts.values where alert.kind == kind && alert.deviceID == deviceID && alert.state != .resolved {
            resolveAlert(alert.alertID)
        }
    }

    func resolveAlert(_ alertID: String) {
        guard var alert = alerts[alertID], alert.state != .resolved else { return }
        alert.state = .resolved
        alert.updatedMS = nowMS
        updateAlert(alert)
    }

    /// A detection becomes an alert (one per device detection id) and a dispatch of the nearest capable
    /// device to investigate.
    /// - Returns: the alert id.
    func raiseDetectionAlert(_ deviceID: String, _ detection: Detection) -> String {
        let key = "detection:\(deviceID):\(detection.detectionID)"
        let isNew = openAlert(key: key) == nil
        let alertID = raiseAlert(
            kind: .detection, severity: detection.confidence >= 0.8 ? .critical : .warning, deviceID: deviceID,
            position: detection.position,
            message: "\(detection.kind) reported by \(deviceID) (confidence \((detection.confidence * 100).clampedInt)%)",
            value: detection.confidence, evidenceRef: detection.evidenceRef, key: key)
        if isNew {
            _ = dispatchNearest(to: detection.position, alertID: alertID, excluding: [])
        }
        return alertID
    }

    /// Acknowledges an alert on an operator's request.
    func acknowledgeAlert(_ alertID: String, by operatorName: String) -> Alert? {
        guard var alert = alerts[alertID] else { return nil }
        if alert.state == .open {
            alert.state = .acknowledged
            alert.updatedMS = nowMS
            updateAlert(alert)
            log(.info, "alert acknowledged", ["alert": alertID, "operator": operatorName])
        }
        return alert
    }

    var openAlertCount: Int { alerts.values.filter { $0.state != .resolved }.count }
}

extension String {
    /// The longest prefix of whole characters that fits in `maxBytes` of UTF-8.
    func clipped(maxBytes: Int) -> String {
        guard utf8.count > maxBytes else { return self }
        var result = ""
        var bytes = 0
        for character in self {
            let size = character.utf8.count
            if bytes + size > maxBytes { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}
