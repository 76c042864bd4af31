import Foundation
import PatrolCore
import PatrolWire
import ZeroMQ

/// The hub runtime: one thread owns every socket and all mutable state (DESIGN.md section 2).
///
/// Each `pump(nowMS:)` receives what is waiting on the device and operator sockets, decodes and applies it,
/// replies, publishes events and runs the timers due (liveness, group commit, coverage events, snapshots).
/// `run()` is the live loop around it; the simulator's lockstep mode calls `pump` itself.
public final class Hub {
    let configuration: HubConfiguration
    let context: ZeroMQ.Context
    let clock: any PatrolCore.Clock
    let stopFlagBox: HubStopFlag
    var logger: HubLogger

    let deviceSocket: Socket
    let operatorSocket: Socket
    let eventSocket: Socket
    var poller = Poller()
    /// CURVE and the ZAP policy when `keysDirectory` is set (Security/HubSecurity.swift).
    var security: HubSecurity?
    /// Per-sender rate limits and timestamp baselines on the device endpoint.
    var inputGuard = DeviceInputGuard()

    let store: HubStore?
    /// The mission loaded now and what runs of it.
    var mission: MissionRuntime?
    var missionGeneration = 0
    /// The planner being built on a worker thread, if any.
    var plannerPreparation: PlannerPreparation?
    /// Searches replans off the hub thread when `plansInBackground` is set.
    var planningWorker: PlanningWorker?
    /// The replan `planningWorker` is searching, if any.
    var planning: PlanningInFlight?
    /// Replans started so far (numbers the searches, for the operators waiting for one).
    var planningJobsStarted = 0
    /// Operators whose plan or replan request is answered once search `afterJob` is applied.
    var planWaiters: [PlanWaiter] = []
    /// Set by `answer` when the request it handled is answered later, once a worker has found its plan.
    var deferredReply: DeferredReply?
    /// Searches operators' plan previews off the hub thread (`plansInBackground`); made for the first one.
    var previewWorker: PlanningWorker?
    /// The operators waiting for the preview being searched (one search answers all of them).
    var previewWaiters: [PreviewWaiter] = []
    /// The mission load the preview being searched is for.
    var previewGeneration = 0
    /// Sessions of the mission's fleet; devices are added and removed only by `installMission`.
    var devices: [String: DeviceSession] = [:]
    /// The keys of `devices` in order, for the periodic passes over the fleet (set by `installMission`).
    var sortedDeviceIDs: [String] = []
    /// ROUTER routing id of a connection -> device id.
    var connections: [[UInt8]: String] = [:]
    var alerts: [String: Alert] = [:]
    /// What makes two raises the same alert (kind and device, or a detection id), by alert id.
    var alertKeys: [String: String] = [:]
    /// The alerts not resolved, by dedupe key and by kind and device (kept by `updateAlert`).
    var openAlerts = OpenAlertIndex()
    var alertSeq: UInt64 = 0
    var eventSeq: UInt64 = 0
    var counters = HubCounters()
    var commitLatency = LatencyStats()
    var planLatency = LatencyStats()
    var reportToMapLatency = LatencyStats(capacity: 8192)
    var reportToAckLatency = LatencyStats()
    /// The last commit's error while commits keep failing (disk full, damaged file); nil when healthy.
    var lastCommitError: String?
    var commandSeq: UInt64 = 0
    /// Routing ids sent to on the device endpoint, when the configuration records them.
    var deviceDeliveries: [[UInt8]] = []
    /// During `pump(nowMS:expectedDeviceMessages:)`: how many more messages each sender has in this pump.
    var deviceMessageQuota: [[UInt8]: Int]?
    /// Device messages received beyond a sender's quota, kept in arrival order for the next pump.
    var earlyDeviceMessages: [ReceivedMessage] = []

    var nowMS: Int64 = 0
    let startedMS: Int64
    /// Writes and acknowledgements waiting for the next group commit.
    var batch = CommitBatch()
    var lastCommitMS: Int64 = 0
    var lastLivenessCheckMS: Int64 = 0
    var lastFleetEventMS: Int64 = 0
    var lastPersistedFleetEventMS: Int64 = 0
    var lastCoverageEventMS: Int64 = 0
    var lastSnapshotMS: Int64 = 0
    var lastDevicesSaveMS: Int64 = 0
    var devicesSaveSlice = 0
    /// Devices changed since the last fleet event.
    var dirtyFleet: Set<String> = []
    /// A state change (connect, lost, duty) makes the next fleet event go out without waiting.
    var fleetUrgent = false
    /// When the plan must be redone (device lost or joined, charged...), and why.
    var replanDue: (atMS: Int64, reason: String)?
    /// When the last plan with routes was made (hub ms), for spacing routine replans.
    var lastPlanMS: Int64?
    /// Topic prefixes subscribed to on the event socket, as its XPUB reports them (each prefix once, however
    /// many subscribers hold it; dropped when the last one unsubscribes or disconnects).
    var eventSubscriptions: Set<[UInt8]> = []

    /// Thread-safe stop request for `run()`.
    public var stopFlag: HubStopFlag { stopFlagBox }

    /// Thread-safe request to reload the key allowlists (SIGHUP), applied by the hub thread.
    public let reloadFlag = HubReloadFlag()

    /// The resolved endpoints (wildcard ports replaced), useful when binding `tcp://127.0.0.1:*`.
    public private(set) var boundDeviceEndpoint = ""
    public private(set) var boundOperatorEndpoint = ""
    public private(set) var boundEventEndpoint = ""

    /// Creates the hub: opens the database (resuming what it holds), loads the mission, binds the three
    /// endpoints and starts the mission.
    /// - Parameters:
    ///   - configuration: endpoints, database, liveness settings.
    ///   - context: the ZeroMQ context; in lockstep simulations the one the simulated devices share.
    ///   - clock: the wall clock live, the simulator's clock in simulated runs.
    /// - Throws: `MissionError` for a bad mission, `SQLiteError` for an unusable database, `ZMQError` when an
    ///   endpoint cannot be bound, `HubError` for anything else, each naming the thing concerned.
    public convenience init(configuration: HubConfiguration, context: ZeroMQ.Context,
                            clock: any PatrolCore.Clock) throws {
        try self.init(configuration: configuration, context: context, clock: clock, stopFlag: HubStopFlag())
    }

    /// Creates the hub with a stop flag made beforehand (e.g. by signal handlers installed first).
    public init(configuration: HubConfiguration, context: ZeroMQ.Context, clock: any PatrolCore.Clock,
                stopFlag: HubStopFlag) throws {
        stopFlagBox = stopFlag
        self.configuration = configuration
        self.context = context
        self.clock = clock
        logger = HubLogger(level: configuration.logLevel)
        startedMS = clock.nowMS()
        nowMS = startedMS

        store = try configuration.databasePath.map { try HubStore(path: $0) }

        deviceSocket = try Socket(context, type: .router)
        operatorSocket = try Socket(context, type: .router)
        // XPUB rather than PUB: the subscriptions it reports let the hub skip building coverage events that
        // nobody receives (a lockstep simulation subscribes to alerts and plans only).
        eventSocket = try Socket(context, type: .xpub)
        do {
            try configureSockets()
            if configuration.plansInBackground { planningWorker = try PlanningWorker(context: context) }
            try restoreOrStart()
        } catch {
            closeSockets()
            store?.close()
            throw error
        }
        poller.register(deviceSocket)
        poller.register(operatorSocket)
        if let planningWorker { poller.register(planningWorker.socket) }
        if let security { poller.register(security.zapSocket) }
        log(.info, "hub started", ["devices": boundDeviceEndpoint, "operators": boundOperatorEndpoint,
                                   "events": boundEventEndpoint, "db": configuration.databasePath ?? ":memory:",
                                   "mission": mission?.mission.name ?? ""])
    }

    deinit {
        closeSockets()
    }

    private func configureSockets() throws {
        if let keysDirectory = configuration.keysDirectory {
            // The ZAP handler binds first: with the domain enforced, a handshake finding none is refused.
            let security = try HubSecurity(directory: keysDirectory, context: context)
            self.security = security
            try security.protect(deviceSocket, as: .devices)
            try security.protect(operatorSocket, as: .operators)
            try security.protect(eventSocket, as: .events)
        }
        for socket in [deviceSocket, operatorSocket] {
            try socket.set(.maxMessageSize, configuration.maxMessageBytes)
            try socket.set(.routerMandatory, true)
            try socket.set(.sendHighWaterMark, 10_000)
            try socket.set(.receiveHighWaterMark, 100_000)
        }
        // A whole fleet connects at once after a hub restart: let the kernel queue them all (ZMQ_BACKLOG, 19;
        // the default 100 makes the rest wait for SYN retransmits, seconds).
        try deviceSocket.set(SocketOption<Int32>(rawValue: 19, name: "ZMQ_BACKLOG"), 4096)
        // A device reconnecting with its routing id takes it back from the stale connection.
        try deviceSocket.set(.routerHandover, true)
        try eventSocket.set(.sendHighWaterMark, configuration.eventHighWaterMark)
        try deviceSocket.bind(configuration.deviceEndpoint)
        try operatorSocket.bind(configuration.operatorEndpoint)
        try eventSocket.bind(configuration.eventEndpoint)
        boundDeviceEndpoint = try deviceSocket.lastEndpoint
        boundOperatorEndpoint = try operatorSocket.lastEndpoint
        boundEventEndpoint = try eventSocket.lastEndpoint
    }

    private func closeSockets() {
        planningWorker?.close()
        previewWorker?.close()
        deviceSocket.close()
        operatorSocket.close()
        eventSocket.close()
        security?.close()
    }

    /// Handles every message already waiting on the sockets and every timer due at `nowMS`, then returns.
    ///
    /// Reports received in this pump are committed and acknowledged before it returns (lockstep runs have
    /// no later moment to do it).
    /// - Parameter nowMS: the current time, milliseconds since the Unix epoch.
    /// - Throws: `ZMQError` when a socket fails beyond a single message (e.g. the context was closed).
    public func pump(nowMS: Int64) throws {
        try step(nowMS: nowMS, commitAtOnce: true)
    }

    /// `pump(nowMS:)` for lockstep runs whose devices go on sending while the hub pumps (requires
    /// `ordersDeviceMessages`): handles exactly `expected` messages from each sender (routing id -> count),
    /// all sent before this call, and keeps any later message for the next pump, so what one pump handles
    /// does not depend on thread timing.
    /// - Parameters:
    ///   - nowMS: the current time, milliseconds since the Unix epoch.
    ///   - expected: how many messages each sender sent since the last pump; senders not named have none.
    /// - Throws: `ZMQError` when a socket fails beyond a single message.
    public func pump(nowMS: Int64, expectedDeviceMessages expected: [[UInt8]: Int]) throws {
        precondition(configuration.ordersDeviceMessages, "counted pumps need ordersDeviceMessages")
        deviceMessageQuota = expected
        defer { deviceMessageQuota = nil }
        try step(nowMS: nowMS, commitAtOnce: true)
    }

    /// The live loop: poll until the next timer or message, then handle what is due; returns after
    /// `stopFlag.requestStop()`, having committed what it received.
    /// - Throws: `ZMQError` when a socket fails beyond a single message.
    public func run() throws {
        while !stopFlagBox.isStopRequested {
            let timeoutMS = pollTimeoutMS(nowMS: clock.nowMS())
            do {
                _ = try poller.poll(timeoutMS: timeoutMS)
            } catch let error where error.isTerminated {
                break
            }
            try step(nowMS: clock.nowMS(), commitAtOnce: false)
        }
        commit()
        log(.info, "hub stopped", ["uptime_s": Double(clock.nowMS() - startedMS) / 1000])
    }

    /// Closes the sockets and the database; the hub cannot be used afterwards.
    public func close() {
        commit()
        closeSockets()
        store?.close()
    }

    /// How long `run()` may sleep in `zmq_poll`: until the next timer, at most 50 ms.
    private func pollTimeoutMS(nowMS: Int64) -> Int {
        var dueMS = nowMS + 50
        if !batch.isEmpty { dueMS = min(dueMS, lastCommitMS + configuration.commitIntervalMS) }
        if let replanDue, planning == nil { dueMS = min(dueMS, replanDue.atMS) }
        return Int(max(0, dueMS - nowMS))
    }

    private func step(nowMS: Int64, commitAtOnce: Bool) throws {
        self.nowMS = max(self.nowMS, nowMS)
        collectPreparedPlanner()
        collectPlan()
        collectPreview()
        // Devices and operators take turns in bounded slices so an operator request waits at most one slice
        // behind a flood of device reports.
        var more = true
        while more {
            serviceSecurity()
            let devicesLeft = try receiveDeviceMessages(limit: 500)
            let operatorsLeft = try receiveOperatorRequests(limit: 100)
            more = devicesLeft || operatorsLeft
            if more && !commitAtOnce && self.nowMS - lastCommitMS >= configuration.commitIntervalMS {
                commit()
            }
        }
        runTimers()
        if commitAtOnce || self.nowMS - lastCommitMS >= configuration.commitIntervalMS {
            commit()
        }
    }

    private func runTimers() {
        let intervalMS = configuration.heartbeatIntervalMS
        if nowMS - lastLivenessCheckMS >= min(intervalMS / 4, 250) {
            lastLivenessCheckMS = nowMS
            checkLiveness()
            checkDuties()
        }
        if let due = replanDue, nowMS >= due.atMS, planning == nil {
            replanDue = nil
            replan(reason: due.reason)
        }
        if planning == nil, replanDue == nil, !planWaiters.isEmpty {
            // The search they waited for will not come (the mission stopped first): answer with what holds.
            answerPlanWaiters(upToJob: .max)
        }
        if !dirtyFleet.isEmpty && (fleetUrgent || nowMS - lastFleetEventMS >= 100) {
            publishFleetEvent()
        }
        if nowMS - lastCoverageEventMS >= configuration.coverageEventIntervalMS {
            lastCoverageEventMS = nowMS
            publishCoverageEvent()
            evaluateCoverageAlerts()
        }
        if nowMS - lastDevicesSaveMS >= 1000 {
            // Positions and batteries are saved in tenths, one tenth a second, so a large fleet never puts
            // all its rows into one commit (state changes and acknowledged seqs are saved at once anyway).
            lastDevicesSaveMS = nowMS
            devicesSaveSlice = (devicesSaveSlice + 1) % 10
            for (index, deviceID) in sortedDeviceIDs.enumerated() where index % 10 == devicesSaveSlice {
                if let session = devices[deviceID], session.lastSeenMS > 0 { batch.devices[deviceID] = session.stored }
            }
        }
        if store != nil && nowMS - lastSnapshotMS >= configuration.snapshotIntervalMS {
            lastSnapshotMS = nowMS
            batch.snapshotDue = true
        }
    }

    // MARK: logging and counters

    func log(_ level: LogLevel, _ message: String, _ fields: [String: any Sendable] = [:]) {
        logger.log(level, message, timeMS: nowMS, fields)
    }

    func count(_ name: String, _ amount: Int64 = 1) { counters.add(name, amount) }

    /// The site id every event and Welcome carries: the mission name, restricted to id characters.
    var siteID: String { mission?.siteID ?? "site" }
}

/// An error of the hub runtime that is not a socket, database or mission-file error.
public struct HubError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
