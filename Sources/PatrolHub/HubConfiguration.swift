import Foundation
import PatrolCore

/// Everything a hub needs to start: the mission, its three endpoints, persistence and liveness settings.
public struct HubConfiguration: Sendable {
    /// The mission folder loaded and started at launch.
    public var missionDirectory: URL
    /// ROUTER for devices (DEALER), default `tcp://*:7450`.
    public var deviceEndpoint: String
    /// ROUTER for operators (REQ or DEALER), default `tcp://*:7451`.
    public var operatorEndpoint: String
    /// PUB for events, default `tcp://*:7452`.
    public var eventEndpoint: String
    /// nil: in-memory state only (tests, simulator); else the SQLite (WAL) file.
    public var databasePath: String?
    /// CURVE keys (issue 9); nil: no security.
    public var keysDirectory: URL?
    /// Devices send a Heartbeat at least this often, milliseconds.
    public var heartbeatIntervalMS: Int64
    /// Heartbeat intervals missed before a device is declared lost.
    public var lostAfterMissed: Int
    /// Least level of the structured log lines written on stderr.
    public var logLevel: LogLevel
    /// Largest frame accepted on the device and operator endpoints, bytes (`ZMQ_MAXMSGSIZE`).
    public var maxMessageBytes: Int64
    /// Group commit period: reports are made durable and acknowledged at most this long after arrival, ms.
    public var commitIntervalMS: Int64
    /// Coverage events are published at most this often, milliseconds (2 Hz by default).
    public var coverageEventIntervalMS: Int64
    /// Coverage snapshots are written to the database this often, milliseconds.
    public var snapshotIntervalMS: Int64
    /// Build the mission's planner on a worker thread so the hub serves devices and operators at once
    /// (live runs); false builds it before `init` returns, which keeps lockstep runs reproducible.
    public var preparePlannerInBackground: Bool
    /// Search each replan on a worker thread (`PlanningWorker`) while the hub goes on serving, and apply it
    /// when it is ready (live runs: a large fleet's replan takes hundreds of milliseconds); false plans in
    /// place, within the pump that asked for it, which keeps lockstep runs reproducible.
    public var plansInBackground: Bool
    /// Start the mission at launch (unless the database says it was stopped); false leaves it loaded.
    public var startMissionAtLaunch: Bool
    /// Queued events per subscriber before the hub drops (`ZMQ_SNDHWM` of the PUB socket).
    public var eventHighWaterMark: Int32
    /// Remember the routing id of every frame sent on the device endpoint until `takeDeviceDeliveries()`
    /// (lockstep simulations: the simulator then reads only the devices that have something waiting).
    public var recordsDeviceDeliveries: Bool
    /// Read every waiting device message before handling any, and handle them in an order fixed by the
    /// senders' routing ids (lockstep simulations). libzmq hands a ROUTER its peers' messages round-robin
    /// over the peers it has noticed, and when it notices a peer with new messages depends on CPU timing;
    /// without this the same simulation could handle a step's messages in another order from run to run.
    public var ordersDeviceMessages: Bool

    /// A mission built in memory instead of loaded from `missionDirectory` (the load benchmark's fleet of
    /// 1,000 devices is larger than a mission file may declare).
    var missionOverride: Mission?

    /// A configuration with the defaults of DESIGN.md section 3.
    /// - Parameter missionDirectory: the mission folder to load and start.
    public init(missionDirectory: URL) {
        self.missionDirectory = missionDirectory
        deviceEndpoint = "tcp://*:7450"
        operatorEndpoint = "tcp://*:7451"
        eventEndpoint = "tcp://*:7452"
        databasePath = nil
        keysDirectory = nil
        heartbeatIntervalMS = 1000
        lostAfterMissed = 3
        logLevel = .info
        maxMessageBytes = 1 << 20
        commitIntervalMS = 5
        coverageEventIntervalMS = 500
        snapshotIntervalMS = 10_000
        eventHighWaterMark = 1000
        preparePlannerInBackground = false
        plansInBackground = false
        startMissionAtLaunch = true
        recordsDeviceDeliveries = false
        ordersDeviceMessages = false
    }
}
