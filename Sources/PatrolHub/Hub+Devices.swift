import PatrolCore
import PatrolWire
import ZeroMQ

/// The device endpoint: Hello / Welcome / Reject, heartbeats, telemetry, reports and acknowledgements.
extension Hub {
    /// Receives and handles up to `limit` device messages.
    /// - Returns: true when more may be waiting.
    func receiveDeviceMessages(limit: Int) throws -> Bool {
        if configuration.ordersDeviceMessages { return try receiveDeviceMessagesInOrder() }
        for _ in 0..<limit {
            guard let received = try receiveDeviceMessage() else { return false }
            handleReceivedDeviceMessage(received)
        }
        return true
    }

    private func receiveDeviceMessage() throws -> ReceivedMessage? {
        // With keys, each message carries its connection's key (the ZAP user id); without, skip the lookup.
        security == nil
            ? try deviceSocket.receiveMultipart(dontWait: true).map { ReceivedMessage(frames: $0) }
            : try deviceSocket.receiveMessage(dontWait: true)
    }

    /// Every waiting message (in a counted pump, `pump(nowMS:expectedDeviceMessages:)`, each sender's count
    /// of them, later ones kept for the next pump), handled round-robin over the senders in routing-id order
    /// (each sender's first message, then each one's second...), the order libzmq itself gives when it has
    /// noticed every sender; each sender's own messages keep their order. See
    /// `HubConfiguration.ordersDeviceMessages`.
    /// - Returns: false: nothing is left waiting.
    private func receiveDeviceMessagesInOrder() throws -> Bool {
        var received: [ReceivedMessage] = []
        let early = earlyDeviceMessages
        earlyDeviceMessages = []
        if var quota = deviceMessageQuota {
            // Messages past a sender's quota were sent after the pump began: they wait for the next one.
            var missing = quota.values.reduce(0, +)
            func take(_ message: ReceivedMessage) {
                let sender = message.frames.first ?? []
                if let left = quota[sender], left > 0 {
                    quota[sender] = left - 1
                    missing -= 1
                    received.append(message)
                } else {
                    earlyDeviceMessages.append(message)
                }
            }
            for message in early { take(message) }
            // Everything expected was sent before the pump began, so an empty queue means it is all here.
            while missing > 0, let message = try receiveDeviceMessage() { take(message) }
            deviceMessageQuota = quota
        } else {
            received = early
            while let message = try receiveDeviceMessage() { received.append(message) }
        }
        var countBySender: [[UInt8]: Int] = [:]
        let keys = received.indices.map { index in
            let sender = received[index].frames.first ?? []
            let turn = countBySender[sender, default: 0]
            countBySender[sender] = turn + 1
            return (turn: turn, sender: sender, index: index)
        }
        let order = keys.sorted { a, b in
            if a.turn != b.turn { return a.turn < b.turn }
            if a.sender != b.sender { return a.sender.lexicographicallyPrecedes(b.sender) }
            return a.index < b.index
        }
        // Decoding, and the footprints of the observations, depend on nothing the hub holds: both are done
        // for the whole batch first, the footprints on both cores, then the messages are handled in order.
        let decoded = order.map { key in
            let frames = received[key.index].frames
            return frames.count == 2 ? Result { () throws(WireError) in try DeviceMessage(decoding: frames[1]) } : nil
        }
        let observations = decoded.compactMap { result -> Observation? in
            guard case .success(let message) = result, case .observation(let observation) = message.body else {
                return nil
            }
            return observation
        }
        mission?.prepareFootprints(of: observations)
        for (key, message) in zip(order, decoded) { handleReceivedDeviceMessage(received[key.index], decoded: message) }
        mission?.clearPreparedFootprints()
        return false
    }

    /// - Parameter decoded: the device frame already decoded, when it was.
    private func handleReceivedDeviceMessage(_ received: ReceivedMessage,
                                             decoded: Result<DeviceMessage, WireError>? = nil) {
        let frames = received.frames
        guard admitDeviceFrames(frames, userID: received.userID) else { return }
        guard frames.count == 2 else {
            // A DEALER sends exactly one frame after the routing id; anything else is not our protocol.
            count("rejects.malformed")
            count("messages_in.malformed")
            if let routingID = frames.first, frames.count > 2 {
                sendReject(to: routingID, .malformed, "expected one DeviceMessage frame, got \(frames.count - 1)")
            }
            return
        }
        handleDeviceFrame(routingID: frames[0], frame: frames[1], userID: received.userID, decoded: decoded)
    }

    func handleDeviceFrame(routingID: [UInt8], frame: [UInt8], userID: String? = nil,
                           decoded: Result<DeviceMessage, WireError>? = nil) {
        let message: DeviceMessage
        do {
            message = try (decoded ?? Result { () throws(WireError) in try DeviceMessage(decoding: frame) }).get()
        } catch {
            count("messages_in.malformed")
            count("rejects.\(error.reason.rawValue)")
            let reason: RejectReason = error.reason == .unsupportedVersion ? .unsupportedVersion : .malformed
            log(.debug, "device frame rejected", ["error": error.description])
            sendReject(to: routingID, reason, error.description)
            return
        }
        count("messages_in.\(message.body.counterName)")
        guard admitDeviceMessage(message, routingID: routingID, userID: userID) else { return }
        if case .hello(let hello) = message.body {
            handleHello(hello, seq: message.seq, routingID: routingID)
            return
        }
        guard let deviceID = connections[routingID], devices[deviceID]?.routingID == routingID else {
            count("rejects.not_registered")
            sendReject(to: routingID, .notRegistered, "send Hello before \(message.body.counterName)", ackSeq: message.seq)
            return
        }
        devices[deviceID]?.lastSeenMS = nowMS
        if devices[deviceID]?.state == .lost {
            // Heard from again before it said Hello: it never dropped its connection.
            markFound(deviceID)
        }
        switch message.body {
        case .hello:
            break
        case .heartbeat(let heartbeat):
            updateReportedState(deviceID, heartbeat.state)
        case .telemetry(let telemetry):
            applyTelemetry(deviceID, telemetry)
        case .observation(let observation):
            acceptObservation(deviceID, seq: message.seq, observation, frame: frame)
        case .detection(let detection):
            acceptDetection(deviceID, seq: message.seq, detection)
        case .routeProgress(let progress):
            applyRouteProgress(deviceID, progress)
        case .bye(let bye):
            log(.info, "device said bye", ["device": deviceID, "reason": bye.reason])
            disconnect(deviceID, lost: false)
        }
    }

    private func handleHello(_ hello: Hello, seq: UInt64, routingID: [UInt8]) {
        guard hello.protocolVersion == ProtocolVersion.current else {
            count("rejects.unsupported_version")
            sendReject(to: routingID, .unsupportedVersion,
                       "hello.protocol_version \(hello.protocolVersion); this hub speaks \(ProtocolVersion.current)",
                       ackSeq: seq)
            return
        }
        guard let session = devices[hello.deviceID] else {
            count("rejects.unknown_device")
            sendReject(to: routingID, .unknownDevice,
                       "device '\(hello.deviceID)' is not in the fleet of mission '\(siteID)'", ackSeq: seq)
            return
        }
        guard session.fleet.kind == hello.kind else {
            count("rejects.kind_mismatch")
            sendReject(to: routingID, .kindMismatch,
                       "device '\(hello.deviceID)' is a \(session.fleet.kind.rawValue) in the mission, "
                           + "Hello says \(hello.kind.rawValue)", ackSeq: seq)
            return
        }
        if let current = session.routingID, current != routingID, session.state != .lost,
           nowMS - session.lastSeenMS < lostAfterMS {
            count("rejects.id_in_use")
            sendReject(to: routingID, .idInUse,
                       "device '\(hello.deviceID)' is connected from another connection, seen "
                           + "\(nowMS - session.lastSeenMS) ms ago; retry after \(lostAfterMS) ms of silence",
                       ackSeq: seq)
            return
        }
        if let previous = session.routingID, previous != routingID { connections[previous] = nil }
        if let other = connections[routingID], other != hello.deviceID {
            // The same connection re-registered under another id: the old id loses it.
            disconnect(other, lost: false)
        }
        connections[routingID] = hello.deviceID
        let wasConnected = session.connected && session.state != .lost
        var updated = session
        updated.routingID = routingID
        updated.lastSeenMS = nowMS
        updated.capabilities = hello.capabilities
        if updated.state == .lost { updated.state = .idle }
        devices[hello.deviceID] = updated
        count("devices_welcomed")
        send(to: hello.deviceID, ackSeq: seq, .welcome(Welcome(
            deviceID: hello.deviceID, siteID: siteID,
            heartbeatIntervalMS: UInt32(clamping: configuration.heartbeatIntervalMS),
            lostAfterMissed: UInt32(clamping: configuration.lostAfterMissed), hubTimeMS: nowMS,
            lastAckedSeq: updated.ackedSeq)))
        log(.info, "device welcomed", ["device": hello.deviceID, "kind": hello.kind.rawValue,
                                       "detects": hello.capabilities.detection,
                                       "acked_seq": updated.ackedSeq])
        resolveAlerts(kind: .deviceLost, deviceID: hello.deviceID)
        markFleetChanged(hello.deviceID, urgent: true)
        batch.devices[hello.deviceID] = updated.stored
        deviceJoined(hello.deviceID, reconnect: wasConnected)
    }

    /// Milliseconds of silence after which a device is lost.
    var lostAfterMS: Int64 { configuration.heartbeatIntervalMS * Int64(max(1, configuration.lostAfterMissed)) }

    private func updateReportedState(_ deviceID: String, _ reported: DeviceState) {
        let changed = modifySession(deviceID) { session in
            defer { session.state = reported }
            return session.state != reported
        }
        if changed == true {
            markFleetChanged(deviceID, urgent: true)
            deviceStateChanged(deviceID)
        }
    }

    private func applyTelemetry(_ deviceID: String, _ telemetry: Telemetry) {
        let nowMS = nowMS
        guard let changed = modifySession(deviceID, { session in
            session.position = telemetry.position.point
            session.headingDeg = telemetry.headingDeg
            session.speedMPS = telemetry.speedMPS
            session.batteryFraction = telemetry.batteryFraction
            session.enduranceRemainingS = telemetry.enduranceRemainingS
            if session.position.ground.distance(to: session.lastMovedPosition.ground) > 1 {
                session.lastMovedPosition = session.position
                session.lastMovedMS = nowMS
            }
            defer { session.state = telemetry.state }
            return session.state != telemetry.state
        }) else { return }
        markFleetChanged(deviceID, urgent: changed)
        if changed { deviceStateChanged(deviceID) }
        checkBattery(deviceID)
    }

    private func applyRouteProgress(_ deviceID: String, _ progress: RouteProgress) {
        let nowMS = nowMS
        let current = modifySession(deviceID) { session in
            // Progress on an older route: the AssignRoute may still be in flight; nothing to compare yet.
            guard progress.routeID == session.routeID, progress.routeVersion == session.routeVersion else { return false }
            if progress.waypointIndex != session.progressWaypoint || session.progressChangedMS == 0 {
                session.progressWaypoint = progress.waypointIndex
                session.progressChangedMS = nowMS
            }
            return true
        }
        if current == false { count("route_progress_stale") }
    }

    // MARK: durable reports

    private func acceptObservation(_ deviceID: String, seq: UInt64, _ observation: Observation, frame: [UInt8]) {
        guard takeReportSeq(deviceID, seq) else { return }
        applyObservationToMap(deviceID, observation)
        batch.observations.append(.init(deviceID: deviceID, seq: seq, capturedMS: observation.capturedMS,
                                        frame: frame))
        batch.acks[deviceID, default: []].append(seq)
        if batch.oldestMS == nil { batch.oldestMS = nowMS }
    }

    private func acceptDetection(_ deviceID: String, seq: UInt64, _ detection: Detection) {
        guard takeReportSeq(deviceID, seq) else { return }
        let alertID = raiseDetectionAlert(deviceID, detection)
        batch.detections.append(StoredDetection(
            deviceID: deviceID, seq: seq, detectionID: detection.detectionID, kind: detection.kind,
            position: detection.position.point, confidence: detection.confidence, detectedMS: detection.detectedMS,
            evidenceRef: detection.evidenceRef, alertID: alertID))
        batch.acks[deviceID, default: []].append(seq)
        if batch.oldestMS == nil { batch.oldestMS = nowMS }
    }

    /// Takes report `seq` (an observation or detection) as pending until the next commit; false for an unknown
    /// device or a resend, which is dropped and acknowledged again only when already durable (its Ack may have
    /// been lost).
    private func takeReportSeq(_ deviceID: String, _ seq: UInt64) -> Bool {
        guard let resend = modifySession(deviceID, { session -> (isResend: Bool, isDurable: Bool) in
            guard session.isDuplicate(seq) else {
                session.pendingSeqs.insert(seq)
                return (false, false)
            }
            return (true, session.durableSeqs.contains(seq) || DeviceSession.isBelowWindow(seq, ackedSeq: session.ackedSeq))
        }) else { return false }
        guard resend.isResend else { return true }
        count("duplicates_dropped")
        if resend.isDurable { send(to: deviceID, ackSeq: seq, .ack(Ack(seqs: [seq]))) }
        return false
    }

    /// Changes a device's session where it is stored. Copying it out and back retains and releases every
    /// array, set and string it holds, and a set changed in the copy is copied whole: telemetry and reports
    /// come hundreds of times a second from a large fleet. Nil for an unknown device.
    @discardableResult
    func modifySession<Result>(_ deviceID: String, _ change: (inout DeviceSession) -> Result) -> Result? {
        guard let index = devices.index(forKey: deviceID) else { return nil }
        return change(&devices.values[index])
    }

    // MARK: liveness

    /// Declares lost every connected device silent for `lostAfterMissed` heartbeat intervals.
    func checkLiveness() {
        // Fields are read in place (four times a second over the whole fleet); the lost are collected first
        // because marking one changes `devices`.
        var silent: [String] = []
        for index in devices.indices where devices.values[index].connected && devices.values[index].state != .lost
            && nowMS - devices.values[index].lastSeenMS >= lostAfterMS {
            silent.append(devices.keys[index])
        }
        for deviceID in silent { markLost(deviceID) }
    }

    private func markLost(_ deviceID: String) {
        guard var session = devices[deviceID] else { return }
        session.state = .lost
        devices[deviceID] = session
        count("devices_lost")
        log(.warning, "device lost", ["device": deviceID, "silent_ms": nowMS - session.lastSeenMS])
        raiseAlert(kind: .deviceLost, severity: .warning, deviceID: deviceID, position: Vec3(session.position),
                   message: "device \(deviceID) missed \(configuration.lostAfterMissed) heartbeats", value: 0)
        markFleetChanged(deviceID, urgent: true)
        batch.devices[deviceID] = session.stored
        deviceLeft(deviceID, reason: "device_lost")
    }

    private func markFound(_ deviceID: String) {
        guard var session = devices[deviceID] else { return }
        session.state = .idle
        devices[deviceID] = session
        log(.info, "device heard again", ["device": deviceID])
        resolveAlerts(kind: .deviceLost, deviceID: deviceID)
        markFleetChanged(deviceID, urgent: true)
        deviceJoined(deviceID, reconnect: false)
    }

    /// Forgets a device's connection (Bye or a new registration elsewhere).
    func disconnect(_ deviceID: String, lost: Bool) {
        guard var session = devices[deviceID] else { return }
        if let routingID = session.routingID { connections[routingID] = nil }
        session.routingID = nil
        if lost { session.state = .lost }
        devices[deviceID] = session
        markFleetChanged(deviceID, urgent: true)
        batch.devices[deviceID] = session.stored
        deviceLeft(deviceID, reason: "device_left")
    }

    // MARK: sending

    /// The routing ids sent to since the last call, in sending order, possibly repeated; empty unless the
    /// configuration's `recordsDeviceDeliveries` is set.
    ///
    /// In a lockstep simulation over `inproc://` a frame sent is waiting at its DEALER when `pump` returns,
    /// so the devices not named here have nothing to read: the simulator skips them, since an empty
    /// non-blocking receive still costs libzmq two system calls (getpid and poll on the socket's mailbox).
    public func takeDeviceDeliveries() -> [[UInt8]] {
        let taken = deviceDeliveries
        deviceDeliveries = []
        return taken
    }

    /// Sends a HubMessage to a connected device; a full queue or a vanished peer is counted, never blocks.
    func send(to deviceID: String, ackSeq: UInt64 = 0, _ body: HubMessage.Body) {
        guard var session = devices[deviceID], let routingID = session.routingID else {
            count("messages_out.undeliverable")
            return
        }
        let message = HubMessage(seq: session.nextSeq(), ackSeq: ackSeq, body: body)
        devices[deviceID] = session
        sendFrame(message.encoded(), to: routingID, counter: body.counterName)
    }

    func sendReject(to routingID: [UInt8], _ reason: RejectReason, _ detail: String, ackSeq: UInt64 = 0) {
        let trimmed = detail.clipped(maxBytes: 240)
        let message = HubMessage(seq: 0, ackSeq: ackSeq, body: .reject(Reject(reason: reason, detail: trimmed)))
        sendFrame(message.encoded(), to: routingID, counter: "reject")
    }

    private func sendFrame(_ bytes: [UInt8], to routingID: [UInt8], counter: String) {
        if configuration.recordsDeviceDeliveries { deviceDeliveries.append(routingID) }
        do {
            if try deviceSocket.send([routingID, bytes], dontWait: true) {
                count("messages_out.\(counter)")
            } else {
                count("drops.device_queue_full")
            }
        } catch {
            // EHOSTUNREACH: the peer disconnected (ROUTER_MANDATORY tells us rather than dropping silently).
            count("drops.device_unreachable")
        }
    }
}

extension DeviceMessage.Body {
    /// The counter suffix of this message type: `messages_in.telemetry`, ...
    var counterName: String {
        switch self {
        case .hello: "hello"
        case .heartbeat: "heartbeat"
        case .telemetry: "telemetry"
        case .observation: "observation"
        case .detection: "detection"
        case .routeProgress: "route_progress"
        case .bye: "bye"
        }
    }
}

extension HubMessage.Body {
    /// The counter suffix of this message type: `messages_out.welcome`, ...
    var counterName: String {
        switch self {
        case .welcome: "welcome"
        case .reject: "reject"
        case .assignRoute: "assign_route"
        case .command: "command"
        case .ack: "ack"
        }
    }
}
