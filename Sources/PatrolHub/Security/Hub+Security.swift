import PatrolWire
import ZeroMQ

/// The hub thread's side of issue 9: the ZAP handler serviced between slices of traffic, key reloads, and the
/// checks every device message and operator request passes before it touches state.
extension Hub {
    /// Seqs above this are refused: far beyond any real device, and keeps dedupe arithmetic (`seq + window`)
    /// clear of overflow.
    static let maxDeviceSeq = UInt64.max / 2

    /// Applies a requested key reload, then answers the ZAP requests waiting (handshakes wait for them).
    func serviceSecurity() {
        guard let security else { return }
        if reloadFlag.take() { reloadKeys() }
        // Bounded, like the other sockets' slices; the rest wait for the next turn of the loop.
        for _ in 0..<256 {
            var outcome = ""
            var address = ""
            do {
                let exchange = try ZAPHandler.handleOne(on: security.zapSocket, dontWait: true) { request in
                    let verdict = security.decide(request)
                    outcome = verdict.outcome
                    address = request.address
                    return verdict.decision
                }
                guard let exchange else { return }
                if case .failure(let error) = exchange.request {
                    count("zap.malformed")
                    log(.error, "malformed ZAP request", ["error": error.description])
                    continue
                }
            } catch {
                count("zap.errors")
                log(.error, "ZAP handler failed", ["error": "\(error)"])
                return
            }
            count("zap.\(outcome)")
            if outcome.hasPrefix("denied") {
                log(.warning, "connection refused", ["reason": outcome, "address": address])
            }
        }
    }

    /// Rereads `--keys DIR/devices` and `DIR/operators` now; a bad file keeps the previous lists and is logged.
    public func reloadKeys() {
        guard let security else { return }
        do {
            let loaded = try security.reload()
            count("key_reloads")
            log(.info, "keys reloaded", ["device_keys": loaded.devices, "operator_keys": loaded.operators])
        } catch {
            count("key_reload_errors")
            log(.error, "keys not reloaded; the previous allowlists stay", ["error": "\(error)"])
        }
    }

    /// The checks made on a device message's frames before decoding: the sender's rate, and (with keys) that
    /// its key is still allowlisted and bound to the id its connection registered under.
    /// - Returns: false when the message was dropped (counted, and answered with at most a Reject).
    func admitDeviceFrames(_ frames: [[UInt8]], userID: String?) -> Bool {
        guard let routingID = frames.first else { return false }
        let registered = connections[routingID]
        let sender: String
        if let registered {
            sender = "device:" + registered
        } else if let userID {
            sender = "key:" + userID
        } else {
            sender = "connection:" + routingID.map { String($0, radix: 16) }.joined(separator: ".")
        }
        if case .rateLimited(let notify) = inputGuard.take(sender: sender, nowMS: nowMS) {
            count("rejects.rate_limited")
            if notify {
                sendReject(to: routingID, .rateLimited,
                           "more than \(inputGuard.ratePerS.clampedInt) messages/s (burst \(inputGuard.burst.clampedInt)); "
                               + "excess dropped, resend later")
            }
            return false
        }
        guard let security else { return true }
        guard let boundID = security.deviceID(userID: userID) else {
            count("rejects.not_authorized")
            sendReject(to: routingID, .notAuthorized, "this connection's key is not (or no longer) allowlisted")
            if let registered { disconnect(registered, lost: false) }
            return false
        }
        if let registered, registered != boundID {
            count("rejects.not_authorized")
            sendReject(to: routingID, .notAuthorized,
                       "this key is now bound to device '\(boundID)', not '\(registered)'; send Hello again")
            disconnect(registered, lost: false)
            return false
        }
        return true
    }

    /// The checks made on a decoded device message: seq range, a Hello's id against its key, and timestamps
    /// against the device's own recent ones.
    /// - Returns: false when the message was refused (counted by reason and answered with a Reject).
    func admitDeviceMessage(_ message: DeviceMessage, routingID: [UInt8], userID: String?) -> Bool {
        guard message.seq <= Self.maxDeviceSeq else {
            count("rejects.seq_out_of_range")
            sendReject(to: routingID, .malformed, "seq \(message.seq) is above \(Self.maxDeviceSeq)")
            return false
        }
        if case .hello(let hello) = message.body {
            if let security {
                let boundID = security.deviceID(userID: userID)
                guard boundID == hello.deviceID else {
                    count("rejects.not_authorized")
                    log(.warning, "device id refused: the key is bound to another id",
                        ["claimed": hello.deviceID, "bound": boundID ?? "-"])
                    sendReject(to: routingID, .notAuthorized,
                               "this key is bound to device '\(boundID ?? "-")', not '\(hello.deviceID)'",
                               ackSeq: message.seq)
                    return false
                }
            }
            // Until Hello a device's clock may be anything (Welcome carries the hub's time).
            if devices[hello.deviceID] != nil { inputGuard.resetClock(deviceID: hello.deviceID, sentMS: message.sentMS) }
            return true
        }
        guard let deviceID = connections[routingID] else { return true }
        let reportMS: Int64?
        switch message.body {
        case .observation(let observation): reportMS = observation.capturedMS
        case .detection(let detection): reportMS = detection.detectedMS
        default: reportMS = nil
        }
        if let problem = inputGuard.checkTime(deviceID: deviceID, sentMS: message.sentMS, reportMS: reportMS) {
            count("rejects.\(problem.rawValue)")
            sendReject(to: routingID, .malformed,
                       "\(problem.rawValue): sent_ms \(message.sentMS)"
                           + (reportMS.map { ", report time \($0)" } ?? "")
                           + " is too far from this device's recent messages", ackSeq: message.seq)
            return false
        }
        return true
    }

    /// With keys, the error reply for an operator connection whose key is no longer allowlisted; else nil.
    func operatorRejection(userID: String?) -> OperatorReply? {
        guard let security, !security.isOperator(userID: userID) else { return nil }
        count("rejects.operator_not_authorized")
        return OperatorReply(requestID: 0, body: .error(ErrorReply(
            code: "not_authorized", message: "this connection's key is not (or no longer) an allowlisted operator")))
    }
}
