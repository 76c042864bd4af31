import Foundation
import PatrolCLI
import PatrolWire
import ZeroMQ

/// A request/reply client of the hub's operator endpoint that never hangs.
///
/// Uses a DEALER with the REQ envelope (an empty delimiter frame), so an unanswered request does not wedge
/// the socket: each call waits at most `timeoutMS` and then throws `OperatorClientError.timeout`.
public final class OperatorClient {
    public let endpoint: String
    public let timeoutMS: Int
    private let context: Context
    private let ownsContext: Bool
    private let socket: Socket
    private var nextRequestID: UInt64 = 1

    /// Connects to a hub's operator endpoint (the connection itself happens in the background).
    /// - Parameters:
    ///   - endpoint: e.g. `tcp://127.0.0.1:7451`.
    ///   - timeoutMS: the longest wait for a reply.
    ///   - context: a context to share (tests); a private one otherwise.
    ///   - curve: the operator's key pair and the hub's public key, for a hub started with `--keys`.
    /// - Throws: `ZMQError` naming the endpoint when it is malformed or the keys are unusable.
    public init(endpoint: String, timeoutMS: Int = 3000, context: Context? = nil,
                curve: (keys: CurveKeyPair, serverPublicKey: String)? = nil) throws {
        self.endpoint = endpoint
        self.timeoutMS = timeoutMS
        self.context = try context ?? Context()
        ownsContext = context == nil
        socket = try Socket(self.context, type: .dealer)
        try socket.set(.lingerMS, 0)
        if let curve {
            try socket.makeCurveClient(keys: curve.keys, serverPublicKey: curve.serverPublicKey)
        }
        try socket.connect(endpoint)
    }

    /// The CURVE settings of `--key FILE --server-key FILE` (files written by `patrolctl keygen`), or nil
    /// when neither is given.
    /// - Throws: `UsageError` when only one is given, `CurveKeyFileError` for an unreadable file.
    static func curveSettings(keyFile: String?, serverKeyFile: String?) throws
        -> (keys: CurveKeyPair, serverPublicKey: String)? {
        switch (keyFile, serverKeyFile) {
        case (nil, nil):
            return nil
        case (let keyFile?, let serverKeyFile?):
            let keys = try CurveKeyFile.readKeyPair(URL(fileURLWithPath: keyFile))
            let server = try CurveKeyFile.readPublicKey(URL(fileURLWithPath: serverKeyFile))
            return (keys, server.key)
        default:
            throw UsageError("--key and --server-key go together (the operator's NAME.key and the hub's hub.pub)")
        }
    }

    deinit {
        socket.close()
        if ownsContext { context.close() }
    }

    /// Sends one request and waits for its reply.
    /// - Parameter body: the request.
    /// - Returns: the reply's body.
    /// - Throws: `OperatorClientError.timeout` when the hub does not answer within `timeoutMS`,
    ///   `.hubError` for an `ErrorReply`, `.badReply` for an undecodable one; `ZMQError` on socket failure.
    public func request(_ body: OperatorRequest.Body) throws -> OperatorReply.Body {
        let requestID = nextRequestID
        nextRequestID += 1
        let request = OperatorRequest(requestID: requestID, body: body)
        guard try socket.send([[], request.encoded()], dontWait: true) else {
            throw OperatorClientError.timeout(endpoint: endpoint, timeoutMS: timeoutMS)
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutMS) * 1_000_000
        var poller = Poller()
        poller.register(socket)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw OperatorClientError.timeout(endpoint: endpoint, timeoutMS: timeoutMS) }
            let waitMS = Int((deadline - now) / 1_000_000) + 1
            guard try poller.poll(timeoutMS: waitMS).isReadable(0),
                  let frames = try socket.receiveMultipart(dontWait: true) else { continue }
            guard let payload = frames.last else { continue }
            let reply: OperatorReply
            do {
                reply = try OperatorReply(decoding: payload)
            } catch {
                throw OperatorClientError.badReply(endpoint: endpoint, detail: error.description)
            }
            // A late reply to an earlier, timed-out request is skipped.
            guard reply.requestID == requestID || reply.requestID == 0 else { continue }
            if case .error(let error) = reply.body {
                throw OperatorClientError.hubError(code: error.code, message: error.message)
            }
            return reply.body
        }
    }
}

/// Why an operator request failed.
public enum OperatorClientError: Error, CustomStringConvertible, Equatable {
    case timeout(endpoint: String, timeoutMS: Int)
    case hubError(code: String, message: String)
    case badReply(endpoint: String, detail: String)

    public var description: String {
        switch self {
        case .timeout(let endpoint, let timeoutMS):
            "hub at \(endpoint) did not answer within \(timeoutMS) ms"
        case .hubError(let code, let message):
            "hub refused (\(code)): \(message)"
        case .badReply(let endpoint, let detail):
            "hub at \(endpoint) sent a reply that does not decode: \(detail)"
        }
    }
}
