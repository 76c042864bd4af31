/// The hub database's schema, versioned with `PRAGMA user_version`.
///
/// Each migration moves the schema from version `index` to `index + 1`; a database written by a newer
/// hub (a higher version than `migrations.count`) is refused rather than misread.
enum HubSchema {
    static let migrations: [String] = [
        // 1: the first schema.
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE devices (
            device_id TEXT PRIMARY KEY, kind TEXT NOT NULL, state INTEGER NOT NULL,
            x_m REAL NOT NULL, y_m REAL NOT NULL, z_m REAL NOT NULL,
            battery_fraction REAL NOT NULL, last_seen_ms INTEGER NOT NULL,
            acked_seq INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, plan_id TEXT NOT NULL,
            route_id TEXT NOT NULL, version INTEGER NOT NULL, assigned_ms INTEGER NOT NULL,
            route BLOB NOT NULL);
        CREATE INDEX assignments_device ON assignments(device_id, id);
        CREATE TABLE alerts (
            alert_id TEXT PRIMARY KEY, kind INTEGER NOT NULL, severity INTEGER NOT NULL,
            state INTEGER NOT NULL, message TEXT NOT NULL,
            x_m REAL NOT NULL, y_m REAL NOT NULL, z_m REAL NOT NULL,
            opened_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, device_id TEXT NOT NULL,
            value REAL NOT NULL, evidence_ref TEXT NOT NULL);
        CREATE TABLE detections (
            device_id TEXT NOT NULL, seq INTEGER NOT NULL, detection_id TEXT NOT NULL, kind TEXT NOT NULL,
            x_m REAL NOT NULL, y_m REAL NOT NULL, z_m REAL NOT NULL, confidence REAL NOT NULL,
            detected_ms INTEGER NOT NULL, evidence_ref TEXT NOT NULL, alert_id TEXT NOT NULL,
            PRIMARY KEY (device_id, seq));
        CREATE TABLE observations (
            device_id TEXT NOT NULL, seq INTEGER NOT NULL, captured_ms INTEGER NOT NULL, body BLOB NOT NULL,
            PRIMARY KEY (device_id, seq));
        CREATE INDEX observations_time ON observations(captured_ms);
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, topic TEXT NOT NULL, body BLOB NOT NULL);
        CREATE TABLE coverage_snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, body BLOB NOT NULL);
        """,
    ]

    static var currentVersion: Int64 { Int64(migrations.count) }
}
