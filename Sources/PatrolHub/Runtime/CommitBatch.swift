import PatrolWire

/// What the hub received or changed since the last group commit, and the acknowledgements that must wait
/// for it to be durable.
struct CommitBatch {
    struct ObservationWrite {
        var deviceID: String
        var seq: UInt64
        var capturedMS: Int64
        var frame: [UInt8]
    }

    struct AssignmentWrite {
        var deviceID: String
        var planID: String
        var routeID: String
        var version: UInt32
        var assignedMS: Int64
        var route: [UInt8]
    }

    struct EventWrite {
        var seq: UInt64
        var timeMS: Int64
        var topic: String
        var body: [UInt8]
    }

    var observations: [ObservationWrite] = []
    var detections: [StoredDetection] = []
    var alerts: [String: Alert] = [:]
    var assignments: [AssignmentWrite] = []
    var events: [EventWrite] = []
    var devices: [String: StoredDevice] = [:]
    var meta: [String: String] = [:]
    var snapshotDue = false
    /// Device seqs to acknowledge once committed, by device id.
    var acks: [String: [UInt64]] = [:]
    /// When the oldest write of the batch arrived (hub ms), for the commit latency counter.
    var oldestMS: Int64?

    var isEmpty: Bool {
        observations.isEmpty && detections.isEmpty && alerts.isEmpty && assignments.isEmpty && events.isEmpty
            && devices.isEmpty && meta.isEmpty && acks.isEmpty && !snapshotDue
    }

    /// Entries in the batch, to bound memory while the database refuses commits.
    var size: Int { observations.count + detections.count + events.count + assignments.count }
}
