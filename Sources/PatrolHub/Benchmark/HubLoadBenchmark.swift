import Foundation
import PatrolCore
import PatrolWire
import Synchronization
import ZeroMQ

/// The hub under device load (issue 6, item 8): many devices over loopback TCP sending telemetry and camera
/// observations, the hub persisting to SQLite; reports report-to-map latency next to raw libzmq throughput.
public enum HubLoadBenchmark {
    /// What to run.
    public struct Options: Sendable {
        /// A mission folder whose site is used; its fleet is replaced by `devices` copies of its first device.
        public var missionDirectory: URL
        public var devices: Int
        public var seconds: Double
        public var telemetryHz: Double
        public var observationHz: Double
        /// Sender threads sharing the devices (each owns its sockets).
        public var senderThreads: Int
        /// Messages timed for the raw libzmq baseline.
        public var rawMessages: Int
        /// Run the mission, so that the devices joining are planned for (replans of the whole fleet).
        public var runsMission = false
        /// Search those replans on the planning worker (as `patrolhub` does); false plans on the hub thread.
        public var plansInBackground = true

        public init(missionDirectory: URL, devices: Int = 1000, seconds: Double = 10, telemetryHz: Double = 10,
                    observationHz: Double = 2, senderThreads: Int = 2, rawMessages: Int = 200_000) {
            self.missionDirectory = missionDirectory
            self.devices = devices
            self.seconds = seconds
            self.telemetryHz = telemetryHz
            self.observationHz = observationHz
            self.senderThreads = senderThreads
            self.rawMessages = rawMessages
        }
    }

    /// What was measured.
    public struct Result: Sendable, Encodable {
        public var devices: Int
        public var seconds: Double
        public var devicesWelcomed: Int64
        public var telemetryReceived: Int64
        public var observationsApplied: Int64
        public var observationsCommitted: Int64
        /// Device messages the hub handled per second during the run.
        public var hubMessagesPerSecond: Double
        /// Capture (device clock) to the map holding the observation (hub clock), same machine; ms.
        public var reportToMapP50MS: Double
        public var reportToMapP99MS: Double
        public var commitP99MS: Double
        /// Round trip of a status request to the operator endpoint while the devices send; ms.
        public var operatorP50MS: Double
        public var operatorP99MS: Double
        /// Raw libzmq DEALER -> ROUTER messages per second for the same frame size, measured in the same run.
        public var rawZMQMessagesPerSecond: Double
        public var telemetryFrameBytes: Int
        /// hubMessagesPerSecond / rawZMQMessagesPerSecond.
        public var ratioToRaw: Double
        /// Refused messages by reason (`rejects.*`) and drops (`drops.*`) during the run.
        public var refused: [String: Int64]
        /// Plans made (with `runsMission`), and the longest search, ms.
        public var plans: Int64
        public var planMaxMS: Double

        enum CodingKeys: String, CodingKey {
            case devices, seconds, devicesWelcomed = "devices_welcomed", telemetryReceived = "telemetry_received"
            case observationsApplied = "observations_applied", observationsCommitted = "observations_committed"
            case hubMessagesPerSecond = "hub_messages_per_s", reportToMapP50MS = "report_to_map_p50_ms"
            case reportToMapP99MS = "report_to_map_p99_ms", commitP99MS = "commit_p99_ms"
            case operatorP50MS = "operator_p50_ms", operatorP99MS = "operator_p99_ms"
            case rawZMQMessagesPerSecond = "raw_zmq_messages_per_s", telemetryFrameBytes = "telemetry_frame_bytes"
            case ratioToRaw = "ratio_to_raw", refused, plans, planMaxMS = "plan_max_ms"
        }
    }

    /// The hub's figures, read on its own thread when it stops.
    private final class HubFigures: Sendable {
        let endpoint = Mutex<String?>(nil)
        let operatorEndpoint = Mutex<String?>(nil)
        let operatorRoundTripsMS = Mutex<[Double]>([])
        let failure = Mutex<String?>(nil)
        let counters = Mutex<[String: Int64]>([:])
        let latency = Mutex<(p50: Double, p99: Double, commitP99: Double, planMaxMS: Double)>((0, 0, 0, 0))
        let done = DispatchSemaphore(value: 0)
    }

    /// Runs the benchmark.
    /// - Parameters:
    ///   - options: the load.
    ///   - progress: called with a line of status now and then.
    /// - Returns: the figures.
    /// - Throws: `MissionError`, `ZMQError`, `SQLiteError` or `HubError` naming what failed.
    public static func run(_ options: Options, progress: @escaping @Sendable (String) -> Void = { _ in })
        throws -> Result {
        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("patrolhub-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        var mission = try Mission.load(from: options.missionDirectory)
        guard let template = mission.fleet.first else {
            throw HubError("\(options.missionDirectory.path): the mission has no fleet to copy devices from")
        }
        // The fleet is built in memory: mission files are limited to 1000 devices.
        let ids = (1...max(1, options.devices)).map { String(format: "bench-%05d", $0) }
        mission.fleet = ids.map { id in
            var device = template
            device.id = id
            return device
        }
        let kind = template.kind
        var configuration = HubConfiguration(missionDirectory: options.missionDirectory)
        configuration.missionOverride = mission
        configuration.deviceEndpoint = "tcp://127.0.0.1:*"
        configuration.operatorEndpoint = "tcp://127.0.0.1:*"
        configuration.eventEndpoint = "tcp://127.0.0.1:*"
        configuration.databasePath = workspace.appendingPathComponent("hub.sqlite").path
        configuration.logLevel = .warning
        configuration.startMissionAtLaunch = options.runsMission
        configuration.preparePlannerInBackground = true
        configuration.plansInBackground = options.plansInBackground
        // A sender connects all its devices at once; give the hub's liveness check room for that.
        configuration.heartbeatIntervalMS = 5000

        let context = try Context(ioThreads: 2)
        defer { context.close() }
        let figures = HubFigures()
        let stopFlag = HubStopFlag()
        let hubThread = Thread { [configuration] in
            do {
                let hub = try Hub(configuration: configuration, context: context, clock: WallClock(),
                                  stopFlag: stopFlag)
                figures.endpoint.withLock { $0 = hub.boundDeviceEndpoint }
                figures.operatorEndpoint.withLock { $0 = hub.boundOperatorEndpoint }
                try hub.run()
                figures.counters.withLock { $0 = hub.counters.values }
                figures.latency.withLock {
                    $0 = (hub.reportToMapLatency.percentile(50), hub.reportToMapLatency.percentile(99),
                          hub.commitLatency.percentile(99), hub.planLatency.maxMS)
                }
                hub.close()
            } catch {
                figures.failure.withLock { $0 = "\(error)" }
            }
            figures.done.signal()
        }
        hubThread.stackSize = 16 << 20
        hubThread.start()
        var endpoint: String?
        while endpoint == nil {
            if let failure = figures.failure.withLock({ $0 }) { throw HubError("benchmark hub failed: \(failure)") }
            endpoint = figures.endpoint.withLock { $0 }
            if endpoint == nil { Thread.sleep(forTimeInterval: 0.01) }
        }
        progress("hub up at \(endpoint ?? ""); \(options.devices) devices connecting")

        let groups = stride(from: 0, to: ids.count, by: max(1, ids.count / max(1, options.senderThreads)))
            .map { Array(ids[$0..<min(ids.count, $0 + max(1, ids.count / max(1, options.senderThreads)))]) }
        let senderFailures = Mutex<[String]>([])
        let finished = DispatchGroup()
        for group in groups {
            finished.enter()
            let thread = Thread { [endpoint] in
                do {
                    try sendLoad(ids: group, kind: kind, endpoint: endpoint ?? "", context: context, options: options)
                } catch {
                    senderFailures.withLock { $0.append("\(error)") }
                }
                finished.leave()
            }
            thread.start()
        }
        finished.enter()
        let operatorThread = Thread { [figures] in
            do {
                try measureOperator(endpoint: figures.operatorEndpoint.withLock { $0 } ?? "", context: context,
                                    seconds: options.seconds, replans: options.runsMission, into: figures)
            } catch {
                senderFailures.withLock { $0.append("operator: \(error)") }
            }
            finished.leave()
        }
        operatorThread.start()
        finished.wait()
        // Let the last group commit and acknowledgements go out before stopping.
        Thread.sleep(forTimeInterval: 0.2)
        stopFlag.requestStop()
        figures.done.wait()
        if let failure = senderFailures.withLock({ $0.first }) { throw HubError("benchmark sender failed: \(failure)") }
        if let failure = figures.failure.withLock({ $0 }) { throw HubError("benchmark hub failed: \(failure)") }

        let telemetryFrame = sampleTelemetry(seq: 1_000_000, nowMS: WallClock().nowMS()).encoded()
        progress("measuring raw libzmq DEALER->ROUTER throughput for \(telemetryFrame.count)-byte frames")
        let raw = try RawThroughput.measure(messageBytes: telemetryFrame.count, count: options.rawMessages)

        let roundTrips = figures.operatorRoundTripsMS.withLock { $0 }.sorted()
        func percentile(_ p: Double) -> Double {
            roundTrips.isEmpty ? 0 : roundTrips[min(roundTrips.count - 1, Int(p / 100 * Double(roundTrips.count - 1)))]
        }
        let counters = figures.counters.withLock { $0 }
        let latency = figures.latency.withLock { $0 }
        let handled = counters.filter { $0.key.hasPrefix("messages_in.") }.reduce(0) { $0 + $1.value }
        let perSecond = Double(handled) / options.seconds
        return Result(
            devices: options.devices, seconds: options.seconds, devicesWelcomed: counters["devices_welcomed"] ?? 0,
            telemetryReceived: counters["messages_in.telemetry"] ?? 0,
            observationsApplied: counters["observations_applied"] ?? 0,
            observationsCommitted: counters["observations_committed"] ?? 0, hubMessagesPerSecond: perSecond,
            reportToMapP50MS: latency.p50, reportToMapP99MS: latency.p99, commitP99MS: latency.commitP99,
            operatorP50MS: percentile(50), operatorP99MS: percentile(99),
            rawZMQMessagesPerSecond: raw, telemetryFrameBytes: telemetryFrame.count,
            ratioToRaw: raw > 0 ? perSecond / raw : 0,
            refused: counters.filter { $0.key.hasPrefix("rejects.") || $0.key.hasPrefix("drops.") },
            plans: counters["plans"] ?? 0, planMaxMS: latency.planMaxMS)
    }

    /// An operator asking for the status every 50 ms while the devices send, timing each round trip; with
    /// `replans`, another one asks for a replan of the whole fleet every 3 s (its replies are not timed).
    private static func measureOperator(endpoint: String, context: Context, seconds: Double, replans: Bool,
                                        into figures: HubFigures) throws {
        let socket = try Socket(context, type: .dealer)
        defer { socket.close() }
        try socket.set(.lingerMS, 0)
        try socket.connect(endpoint)
        let replanSocket = replans ? try Socket(context, type: .dealer) : nil
        defer { replanSocket?.close() }
        try replanSocket?.set(.lingerMS, 0)
        try replanSocket?.connect(endpoint)
        var poller = Poller()
        poller.register(socket)
        let endNS = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var requestID: UInt64 = 0
        var nextReplanNS = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
        while DispatchTime.now().uptimeNanoseconds < endNS {
            while (try? replanSocket?.receiveMultipart(dontWait: true)) != nil {}
            if let replanSocket, DispatchTime.now().uptimeNanoseconds >= nextReplanNS {
                nextReplanNS += 3_000_000_000
                _ = try replanSocket.send([[], OperatorRequest(requestID: 0, body: .replan(ReplanRequest(reason: "bench")))
                    .encoded()], dontWait: true)
            }
            requestID += 1
            let startNS = DispatchTime.now().uptimeNanoseconds
            try socket.send([[], OperatorRequest(requestID: requestID, body: .status).encoded()])
            guard try poller.poll(timeoutMS: 5000).isReadable(0), try socket.receiveMultipart() != nil else {
                throw HubError("operator endpoint \(endpoint) did not answer within 5000 ms under load")
            }
            let elapsedMS = Double(DispatchTime.now().uptimeNanoseconds - startNS) / 1e6
            figures.operatorRoundTripsMS.withLock { $0.append(elapsedMS) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// One sender thread: its devices say Hello, then send telemetry and observations at the set rates.
    private static func sendLoad(ids: [String], kind: DeviceKind, endpoint: String, context: Context,
                                 options: Options) throws {
        var sockets: [Socket] = []
        defer { sockets.forEach { $0.close() } }
        for id in ids {
            let socket = try Socket(context, type: .dealer)
            try socket.set(.lingerMS, 0)
            try socket.set(.sendHighWaterMark, 10_000)
            try socket.connect(endpoint)
            let camera = CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 45, altitudeM: 30)
            let hello = Hello(deviceID: id, kind: kind, capabilities: Capabilities(maxSpeedMPS: 8, enduranceS: 1500,
                                                                                 camera: camera, detection: true))
            try socket.send(DeviceMessage(seq: 1, sentMS: WallClock().nowMS(), body: .hello(hello)).encoded())
            sockets.append(socket)
        }
        let tickS = 1 / max(0.1, options.telemetryHz)
        let observationEvery = max(1, Int((options.telemetryHz / max(0.01, options.observationHz)).rounded()))
        let ticks = Int(options.seconds / tickS)
        var seqs = [UInt64](repeating: 1, count: sockets.count)
        var generator = SeededRandom(seed: UInt64(truncatingIfNeeded: ids.first?.hashValue ?? 1) | 1)
        let start = DispatchTime.now().uptimeNanoseconds
        for tick in 0..<ticks {
            for (index, socket) in sockets.enumerated() {
                // Stamped per message, not per tick: a tick's sends spread over milliseconds.
                let nowMS = WallClock().nowMS()
                seqs[index] += 1
                _ = try socket.send(sampleTelemetry(seq: seqs[index], nowMS: nowMS).encoded(), dontWait: true)
                if (tick + index) % observationEvery == 0 {
                    seqs[index] += 1
                    let x = generator.nextUnit() * 200 - 100, y = generator.nextUnit() * 160 - 80
                    let observation = Observation(capturedMS: nowMS, cameraPosition: Vec3(xM: x, yM: y, zM: 30),
                                                  headingDeg: generator.nextUnit() * 359, pitchDeg: 45, fovDeg: 80,
                                                  rangeM: 40)
                    _ = try socket.send(DeviceMessage(seq: seqs[index], sentMS: nowMS,
                                                      body: .observation(observation)).encoded(), dontWait: true)
                }
                // Acknowledgements and welcomes are read and dropped so the hub's queues stay short.
                while try socket.receiveFrame(dontWait: true) != nil {}
            }
            let nextNS = start + UInt64(Double(tick + 1) * tickS * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if nextNS > now { Thread.sleep(forTimeInterval: Double(nextNS - now) / 1e9) }
        }
    }

    private static func sampleTelemetry(seq: UInt64, nowMS: Int64) -> DeviceMessage {
        DeviceMessage(seq: seq, sentMS: nowMS, body: .telemetry(Telemetry(
            // Full, so that with `runsMission` no device is sent to charge and all of them are planned for.
            position: Vec3(xM: 12.5, yM: -40.25, zM: 30), headingDeg: 87.5, speedMPS: 7.9, batteryFraction: 1,
            enduranceRemainingS: 1500, state: .patrolling)))
    }
}
