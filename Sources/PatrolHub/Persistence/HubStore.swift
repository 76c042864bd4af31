import Foundation
import PatrolCore
import PatrolWire

/// The hub's durable state in one SQLite file (WAL): mission, devices, assignments, alerts, detections,
/// observations awaiting the next coverage snapshot, the event log, coverage snapshots and counters.
///
/// Owned by the hub thread. Writes happen inside `transaction(_:)` so the hub can group-commit a batch
/// of reports and acknowledge them only after `COMMIT` returned.
final class HubStore {
    private let database: SQLiteDatabase

    /// Opens or creates the database at `path` and migrates it to the current schema.
    /// - Throws: `SQLiteError` when the file cannot be opened, is not a database, is damaged, or was
    ///   written by a newer hub.
    init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        try database.query("PRAGMA journal_mode=WAL") { _ in }
        // In WAL mode NORMAL keeps every committed transaction across a process crash (kill -9).
        try database.execute("PRAGMA synchronous=NORMAL")
        try database.query("PRAGMA quick_check") { row in
            let verdict = row.text(0)
            if verdict != "ok" {
                throw SQLiteError(code: 11, path: path, statement: "PRAGMA quick_check", message: verdict)
            }
        }
        try migrate()
    }

    /// Closes the connection.
    func close() { database.close() }

    var path: String { database.path }

    private func migrate() throws {
        let version = try database.scalar("PRAGMA user_version") ?? 0
        if version > HubSchema.currentVersion {
            throw SQLiteError(code: 1, path: database.path, statement: "PRAGMA user_version",
                              message: "schema version \(version) is newer than this hub's "
                                + "\(HubSchema.currentVersion)")
        }
        for target in Int(version)..<HubSchema.migrations.count {
            try database.execute("BEGIN IMMEDIATE")
            do {
                try database.execute(HubSchema.migrations[target])
                try database.execute("PRAGMA user_version = \(target + 1)")
                try database.execute("COMMIT")
            } catch {
                try? database.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The schema version of the open file.
    func schemaVersion() throws -> Int64 { try database.scalar("PRAGMA user_version") ?? 0 }

    /// Pages in the file now.
    func pageCount() throws -> Int64 { try database.scalar("PRAGMA page_count") ?? 0 }

    /// Caps the file at `pages` pages: writes beyond fail with SQLITE_FULL, as on a full disk.
    func limitPages(to pages: Int64) throws {
        try database.query("PRAGMA max_page_count = \(pages)") { _ in }
    }

    /// Runs `body` in one transaction: all of it is committed, or none of it.
    func transaction(_ body: () throws -> Void) throws {
        try database.execute("BEGIN IMMEDIATE")
        do {
            try body()
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: meta and counters

    func setMeta(_ key: String, _ value: String) throws {
        try database.run("INSERT INTO meta(key, value) VALUES(?1, ?2) "
                         + "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [.text(key), .text(value)])
    }

    func meta(_ key: String) throws -> String? {
        var value: String?
        try database.query("SELECT value FROM meta WHERE key = ?1", [.text(key)]) { value = $0.text(0) }
        return value
    }

    func saveCounters(_ counters: [String: Int64]) throws {
        for (name, value) in counters {
            try database.run("INSERT INTO counters(name, value) VALUES(?1, ?2) "
                             + "ON CONFLICT(name) DO UPDATE SET value = excluded.value", [.text(name), .int(value)])
        }
    }

    func loadCounters() throws -> [String: Int64] {
        var counters: [String: Int64] = [:]
        try database.query("SELECT name, value FROM counters") { counters[$0.text(0)] = $0.int(1) }
        return counters
    }

    // MARK: devices

    func saveDevice(_ device: StoredDevice) throws {
        try database.run("""
            INSERT INTO devices(device_id, kind, state, x_m, y_m, z_m, battery_fraction, last_seen_ms, acked_seq)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT(device_id) DO UPDATE SET kind = excluded.kind, state = excluded.state,
              x_m = excluded.x_m, y_m = excluded.y_m, z_m = excluded.z_m,
              battery_fraction = excluded.battery_fraction, last_seen_ms = excluded.last_seen_ms,
              acked_seq = max(devices.acked_seq, excluded.acked_seq)
            """, [.text(device.id), .text(device.kind), .int(Int64(device.state)),
                  .double(device.position.x), .double(device.position.y), .double(device.position.z),
                  .double(device.batteryFraction), .int(device.lastSeenMS), .int(Int64(device.ackedSeq))])
    }

    func loadDevices() throws -> [StoredDevice] {
        var devices: [StoredDevice] = []
        try database.query("""
            SELECT device_id, kind, state, x_m, y_m, z_m, battery_fraction, last_seen_ms, acked_seq
            FROM devices ORDER BY device_id
            """) { row in
            devices.append(StoredDevice(
                id: row.text(0), kind: row.text(1), state: Int32(truncatingIfNeeded: row.int(2)),
                position: Point3(x: row.double(3), y: row.double(4), z: row.double(5)),
                batteryFraction: row.double(6), lastSeenMS: row.int(7), ackedSeq: UInt64(max(0, row.int(8)))))
        }
        return devices
    }

    // MARK: assignments

    func saveAssignment(deviceID: String, planID: String, routeID: String, version: UInt32, assignedMS: Int64,
                        route: [UInt8]) throws {
        try database.run("""
            INSERT INTO assignments(device_id, plan_id, route_id, version, assigned_ms, route)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6)
            """, [.text(deviceID), .text(planID), .text(routeID), .int(Int64(version)), .int(assignedMS),
                  .blob(route)])
    }

    /// The latest assignment of each device: (route id, version, encoded route).
    func latestAssignments() throws -> [String: StoredAssignment] {
        var result: [String: StoredAssignment] = [:]
        try database.query("""
            SELECT a.device_id, a.plan_id, a.route_id, a.version, a.assigned_ms, a.route FROM assignments a
            JOIN (SELECT device_id, max(id) AS id FROM assignments GROUP BY device_id) m ON a.id = m.id
            """) { row in
            result[row.text(0)] = StoredAssignment(
                deviceID: row.text(0), planID: row.text(1), routeID: row.text(2),
                version: UInt32(truncatingIfNeeded: row.int(3)), assignedMS: row.int(4), route: row.blob(5))
        }
        return result
    }

    func assignmentCount() throws -> Int64 { try database.scalar("SELECT count(*) FROM assignments") ?? 0 }

    // MARK: alerts and detections

    func saveAlert(_ alert: Alert) throws {
        try database.run("""
            INSERT INTO alerts(alert_id, kind, severity, state, message, x_m, y_m, z_m, opened_ms, updated_ms,
                               device_id, value, evidence_ref)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            ON CONFLICT(alert_id) DO UPDATE SET severity = excluded.severity, state = excluded.state,
              message = excluded.message, x_m = excluded.x_m, y_m = excluded.y_m, z_m = excluded.z_m,
              updated_ms = excluded.updated_ms, value = excluded.value, evidence_ref = excluded.evidence_ref
            """, [.text(alert.alertID), .int(Int64(alert.kind.wireValue)), .int(Int64(alert.severity.wireValue)),
                  .int(Int64(alert.state.wireValue)), .text(alert.message),
                  .double(alert.position.xM), .double(alert.position.yM), .double(alert.position.zM),
                  .int(alert.openedMS), .int(alert.updatedMS), .text(alert.deviceID), .double(alert.value),
                  .text(alert.evidenceRef)])
    }

    func loadAlerts() throws -> [Alert] {
        var alerts: [Alert] = []
        try database.query("""
            SELECT alert_id, kind, severity, state, message, x_m, y_m, z_m, opened_ms, updated_ms, device_id,
                   value, evidence_ref FROM alerts ORDER BY opened_ms, alert_id
            """) { row in
            alerts.append(Alert(
                alertID: row.text(0), kind: AlertKind(wireValue: UInt32(clamping: row.int(1))) ?? .detection,
                severity: Severity(wireValue: UInt32(clamping: row.int(2))) ?? .warning,
                state: AlertState(wireValue: UInt32(clamping: row.int(3))) ?? .open, message: row.text(4),
                position: Vec3(xM: row.double(5), yM: row.double(6), zM: row.double(7)),
                openedMS: row.int(8), updatedMS: row.int(9), deviceID: row.text(10), value: row.double(11),
                evidenceRef: row.text(12)))
        }
        return alerts
    }

    /// Stores a detection; false when (device, seq) was stored before (a resend).
    @discardableResult
    func saveDetection(_ detection: StoredDetection) throws -> Bool {
        try database.run("""
            INSERT OR IGNORE INTO detections(device_id, seq, detection_id, kind, x_m, y_m, z_m, confidence,
                                             detected_ms, evidence_ref, alert_id)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """, [.text(detection.deviceID), .int(Int64(detection.seq)), .text(detection.detectionID),
                  .text(detection.kind), .double(detection.position.x), .double(detection.position.y),
                  .double(detection.position.z), .double(detection.confidence), .int(detection.detectedMS),
                  .text(detection.evidenceRef), .text(detection.alertID)])
        return try database.scalar("SELECT changes()") == 1
    }

    func detectionCount() throws -> Int64 { try database.scalar("SELECT count(*) FROM detections") ?? 0 }

    // MARK: observations, coverage snapshots

    /// Stores an observation frame until a coverage snapshot covers it; false for a resend.
    @discardableResult
    func saveObservation(deviceID: String, seq: UInt64, capturedMS: Int64, frame: [UInt8]) throws -> Bool {
        try database.run("INSERT OR IGNORE INTO observations(device_id, seq, captured_ms, body) "
                         + "VALUES(?1, ?2, ?3, ?4)", [.text(deviceID), .int(Int64(seq)), .int(capturedMS),
                                                      .blob(frame)])
        return try database.scalar("SELECT changes()") == 1
    }

    /// Observation frames stored after the latest snapshot, in arrival order.
    func observations(afterRowID rowID: Int64) throws -> [(deviceID: String, frame: [UInt8])] {
        var frames: [(deviceID: String, frame: [UInt8])] = []
        try database.query("SELECT device_id, body FROM observations WHERE rowid > ?1 ORDER BY rowid",
                           [.int(rowID)]) { frames.append(($0.text(0), $0.blob(1))) }
        return frames
    }

    /// The rowid of the newest stored observation (0 if none).
    func lastObservationRowID() throws -> Int64 {
        try database.scalar("SELECT coalesce(max(rowid), 0) FROM observations") ?? 0
    }

    /// Seqs of recently stored observations and detections per device, for dropping resends.
    func recentSeqs(limitPerDevice: Int) throws -> [String: [UInt64]] {
        var seqs: [String: [UInt64]] = [:]
        for table in ["observations", "detections"] {
            try database.query("SELECT device_id, seq FROM \(table) ORDER BY rowid DESC LIMIT ?1",
                               [.int(Int64(limitPerDevice * 64))]) { row in
                seqs[row.text(0), default: []].append(UInt64(max(0, row.int(1))))
            }
        }
        return seqs
    }

    /// Saves a coverage snapshot covering every observation up to `observationRowID`, then forgets the
    /// observations it covers except the newest ones (kept for dropping resends).
    func saveCoverageSnapshot(timeMS: Int64, observationRowID: Int64, body: [UInt8]) throws {
        try database.run("INSERT INTO coverage_snapshots(time_ms, body) VALUES(?1, ?2)", [.int(timeMS), .blob(body)])
        try setMeta("snapshot_observation_rowid", String(observationRowID))
        try database.run("DELETE FROM coverage_snapshots WHERE id < (SELECT max(id) - 4 FROM coverage_snapshots)")
        try database.run("DELETE FROM observations WHERE rowid <= ?1 - 20000", [.int(observationRowID)])
    }

    /// The newest coverage snapshot and the observation rowid it covers.
    func latestCoverageSnapshot() throws -> (timeMS: Int64, body: [UInt8], observationRowID: Int64)? {
        var snapshot: (Int64, [UInt8])?
        try database.query("SELECT time_ms, body FROM coverage_snapshots ORDER BY id DESC LIMIT 1") {
            snapshot = ($0.int(0), $0.blob(1))
        }
        guard let snapshot else { return nil }
        let rowID = Int64(try meta("snapshot_observation_rowid") ?? "0") ?? 0
        return (snapshot.0, snapshot.1, rowID)
    }

    // MARK: event log

    func appendEvent(seq: UInt64, timeMS: Int64, topic: String, body: [UInt8]) throws {
        try database.run("INSERT OR REPLACE INTO events(seq, time_ms, topic, body) VALUES(?1, ?2, ?3, ?4)",
                         [.int(Int64(seq)), .int(timeMS), .text(topic), .blob(body)])
    }

    func lastEventSeq() throws -> UInt64 {
        UInt64(max(0, try database.scalar("SELECT coalesce(max(seq), 0) FROM events") ?? 0))
    }
}

/// A device row.
struct StoredDevice: Equatable {
    var id: String
    var kind: String
    var state: Int32
    var position: Point3
    var batteryFraction: Double
    var lastSeenMS: Int64
    var ackedSeq: UInt64
}

/// An assignment row.
struct StoredAssignment: Equatable {
    var deviceID: String
    var planID: String
    var routeID: String
    var version: UInt32
    var assignedMS: Int64
    var route: [UInt8]
}

/// A detection row.
struct StoredDetection: Equatable {
    var deviceID: String
    var seq: UInt64
    var detectionID: String
    var kind: String
    var position: Point3
    var confidence: Double
    var detectedMS: Int64
    var evidenceRef: String
    var alertID: String
}
