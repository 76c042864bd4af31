import Foundation
import ZeroMQ

/// CURVE on the hub's three endpoints and the ZAP policy that admits peers (issue 9), owned by the hub thread.
///
/// Each endpoint has its own ZAP domain, so the handler knows which allowlist applies: device keys on the
/// device endpoint, operator keys on the operator and event endpoints. An admitted peer's user id is its Z85
/// public key; the hub looks it up in the current allowlist on every message, so a reload that removes a key
/// also stops a connection made before it.
final class HubSecurity {
    /// A hub endpoint and the ZAP domain its socket announces.
    enum Endpoint: String, CaseIterable, Sendable {
        case devices, operators, events

        /// `patrol.devices`, `patrol.operators`, `patrol.events`.
        var zapDomain: String { "patrol.\(rawValue)" }
    }

    /// The keys folder (`--keys DIR`).
    let directory: URL
    /// The hub's own pair, from `DIR/hub.key`.
    let serverKeys: CurveKeyPair
    private(set) var allowlist: KeyAllowlist
    /// The REP socket bound to `inproc://zeromq.zap.01` in the hub's context.
    let zapSocket: Socket

    /// Loads `DIR/hub.key` and the allowlists, and binds the ZAP handler in `context` (before any endpoint
    /// binds, so no handshake finds the handler missing).
    /// - Throws: `HubError` naming a missing or malformed key file, `ZMQError` when the handler cannot bind
    ///   (another ZAP handler in the same context).
    init(directory: URL, context: Context) throws {
        self.directory = directory
        let keyFile = directory.appendingPathComponent("hub.key")
        guard FileManager.default.fileExists(atPath: keyFile.path) else {
            throw HubError("\(keyFile.path): no hub key pair; create it with `patrolctl keygen hub --dir \(directory.path)`")
        }
        serverKeys = try CurveKeyFile.readKeyPair(keyFile)
        allowlist = try KeyAllowlist(directory: directory)
        zapSocket = try ZAPHandler.bind(in: context)
    }

    /// Turns CURVE on for `socket` with the ZAP domain of `endpoint`, enforcing the domain. Call before `bind`.
    func protect(_ socket: Socket, as endpoint: Endpoint) throws {
        try socket.makeCurveServer(keys: serverKeys, zapDomain: endpoint.zapDomain, enforceDomain: true)
    }

    /// Reloads the allowlists; on any error the current lists stay (a half-read folder never takes effect).
    /// - Returns: the numbers of device and operator keys now admitted.
    /// - Throws: `HubError` naming the file that could not be read.
    @discardableResult
    func reload() throws -> (devices: Int, operators: Int) {
        allowlist = try KeyAllowlist(directory: directory)
        return (allowlist.devices.count, allowlist.operators.count)
    }

    /// The verdict on one ZAP request, and a counter suffix saying why.
    func decide(_ request: ZAPRequest) -> (decision: ZAPDecision, outcome: String) {
        guard request.mechanism == "CURVE", let keyBytes = request.credentials.first,
              let key = try? Z85.encode(keyBytes) else {
            return (.deny(reason: "CURVE required"), "denied.not_curve")
        }
        guard let endpoint = Endpoint.allCases.first(where: { $0.zapDomain == request.domain }) else {
            return (.deny(reason: "unknown ZAP domain"), "denied.unknown_domain")
        }
        switch endpoint {
        case .devices:
            guard allowlist.devices[key] != nil else { return (.deny(reason: "unknown device key"), "denied.devices") }
        case .operators, .events:
            guard allowlist.operators[key] != nil else {
                return (.deny(reason: "unknown operator key"), "denied.\(endpoint.rawValue)")
            }
        }
        return (.allow(userID: key), "allowed.\(endpoint.rawValue)")
    }

    /// The device id bound to the key a device connection authenticated with, nil when the key is not (or
    /// no longer) allowlisted.
    func deviceID(userID: String?) -> String? { userID.flatMap { allowlist.devices[$0] } }

    /// Whether the key an operator connection authenticated with is (still) allowlisted.
    func isOperator(userID: String?) -> Bool { userID.map { allowlist.operators[$0] != nil } ?? false }

    func close() { zapSocket.close() }
}
