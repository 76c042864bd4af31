import PatrolCore
import PatrolWire

/// What the hub knows about one fleet device: its connection, last reports, route and duties.
struct DeviceSession {
    /// What the hub currently wants from the device.
    enum Duty: Equatable {
        /// Follow the assigned patrol route (or wait for one).
        case patrol
        /// Go home and charge; `sinceMS` is when the command was sent.
        case recharge(sinceMS: Int64)
        /// Investigate a place, then resume; `untilMS` is when the hub stops waiting and resumes it.
        case investigate(alertID: String, target: Point3, untilMS: Int64)
        /// Charged and waiting at its dock to take over the route of the next device of its kind that
        /// leaves to charge (`Hub.relieve`), so that departure needs no replan.
        case standby
    }

    let fleet: FleetDevice
    var id: String { fleet.id }

    /// The ROUTER routing id of the connection, nil when not connected.
    var routingID: [UInt8]?
    var connected: Bool { routingID != nil }
    var state: DeviceState = .idle
    /// What the device said it can do in Hello.
    var capabilities: Capabilities?
    var duty: Duty = .patrol

    var position: Point3
    var headingDeg: Double = 0
    var speedMPS: Double = 0
    var batteryFraction: Double = 1
    var enduranceRemainingS: Double
    /// Hub time of the last message, ms; 0: never.
    var lastSeenMS: Int64 = 0

    /// Outgoing HubMessage seq.
    var hubSeq: UInt64 = 0
    /// Highest device seq of an observation or detection held durably.
    var ackedSeq: UInt64 = 0
    /// Durable seqs (observations, detections) recently stored, for dropping resends that arrive late.
    var durableSeqs: Set<UInt64> = []
    /// Seqs received and waiting for the next group commit.
    var pendingSeqs: Set<UInt64> = []

    /// The current assignment.
    var routeID = ""
    var routeVersion: UInt32 = 0
    var route: [Point3] = []
    var routeCycleS: Double = 0
    /// Last RouteProgress: waypoint index and when it changed (hub ms), for stall detection.
    var progressWaypoint: UInt32 = 0
    var progressChangedMS: Int64 = 0
    /// Hub time when the device last moved more than a metre, for stall detection.
    var lastMovedMS: Int64 = 0
    var lastMovedPosition: Point3
    /// Since when (hub ms) the device has been away from its route, nil while it follows it.
    var offRouteSinceMS: Int64?
    /// The battery fraction at which the device goes to charge the first time in this mission, above the
    /// reserve for all but one device of its kind: see `Hub.staggeredChargeFractions`. Nil once used.
    var firstChargeFraction: Double?

    init(fleet: FleetDevice, dock: Point2) {
        self.fleet = fleet
        position = Point3(dock, z: 0)
        lastMovedPosition = position
        enduranceRemainingS = fleet.enduranceS
    }

    /// Next outgoing seq.
    mutating func nextSeq() -> UInt64 {
        hubSeq += 1
        return hubSeq
    }

    /// Whether a report with `seq` was already received (durable or pending): a resend to drop.
    func isDuplicate(_ seq: UInt64) -> Bool {
        durableSeqs.contains(seq) || pendingSeqs.contains(seq) || Self.isBelowWindow(seq, ackedSeq: ackedSeq)
    }

    /// Moves pending seqs to durable after a commit, keeping the window bounded.
    mutating func markDurable(_ seqs: [UInt64]) {
        for seq in seqs {
            pendingSeqs.remove(seq)
            durableSeqs.insert(seq)
            ackedSeq = max(ackedSeq, seq)
        }
        if durableSeqs.count > Int(Self.seqWindow) {
            let floor = ackedSeq > Self.seqWindow ? ackedSeq - Self.seqWindow : 0
            durableSeqs = durableSeqs.filter { $0 > floor }
        }
    }

    /// Seqs this far below the high-water mark are treated as resends without looking them up.
    static let seqWindow: UInt64 = 4096

    /// Whether `seq` lies a whole window or more below `ackedSeq`. Written as a subtraction from the
    /// high-water mark because a peer's seq near `UInt64.max` would overflow `seq + seqWindow`.
    static func isBelowWindow(_ seq: UInt64, ackedSeq: UInt64) -> Bool {
        ackedSeq >= seqWindow && seq <= ackedSeq - seqWindow
    }

    /// The row saved in the database.
    var stored: StoredDevice {
        StoredDevice(id: id, kind: fleet.kind.rawValue, state: Int32(state.wireValue), position: position,
                     batteryFraction: batteryFraction, lastSeenMS: lastSeenMS, ackedSeq: ackedSeq)
    }

    /// What operators see.
    var info: DeviceInfo {
        DeviceInfo(deviceID: id, kind: fleet.kind, state: state, position: Vec3(position), headingDeg: headingDeg,
                   batteryFraction: batteryFraction, lastSeenMS: lastSeenMS, connected: connected && state != .lost,
                   routeID: routeID, routeVersion: routeVersion, speedMPS: speedMPS)
    }

    /// Whether the device can be given work at all: connected, neither lost nor faulted.
    var isServiceable: Bool {
        connected && state != .lost && state != .fault
    }

    /// Whether the device can patrol now (serviceable, not charging, standing by or investigating).
    var isAvailableForPatrol: Bool {
        isServiceable && duty == .patrol
    }
}
