/// Answers ZAP requests (RFC 27) on a REP socket bound to ``endpoint``: libzmq asks it about every new
/// connection to a socket with CURVE on (or with a ZAP domain), and admits or refuses the peer by the reply.
///
/// The owner of the REP socket (the hub thread) registers it in its ``Poller`` and calls
/// ``handleOne(on:dontWait:decide:)`` when it is readable; handshakes wait for the answer meanwhile.
public enum ZAPHandler {
    /// The fixed endpoint libzmq sends ZAP requests to, within the server socket's context.
    public static let endpoint = "inproc://zeromq.zap.01"

    /// The outcome of one handled request.
    public struct Exchange: Sendable, Hashable {
        /// The parsed request, or why it could not be parsed (then the reply is status 500).
        public let request: Result<ZAPRequest, ZAPError>
        /// The reply that was sent.
        public let reply: ZAPReply
    }

    /// Creates the handler's REP socket bound to ``endpoint`` in `context`. Bind it before any secure
    /// socket accepts connections, or those handshakes are refused (with `ZAP_ENFORCE_DOMAIN`).
    /// - Parameter context: The context of the sockets to protect.
    /// - Returns: The bound REP socket.
    /// - Throws: ``ZMQError`` (`EADDRINUSE` when a handler is already bound in this context).
    public static func bind(in context: Context) throws(ZMQError) -> Socket {
        let socket = try Socket(context, type: .rep)
        do {
            try socket.bind(endpoint)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Receives one ZAP request, asks `decide`, and sends the reply.
    ///
    /// A malformed request is answered with status 500 (REP must answer before its next receive) and
    /// reported in the returned exchange, not thrown.
    /// - Parameters:
    ///   - socket: The REP socket bound to ``endpoint``.
    ///   - dontWait: Return `nil` at once when no request is waiting, instead of blocking.
    ///   - decide: The policy: admit or refuse the peer described by the request.
    /// - Returns: The request and the reply sent, or `nil` when no request was waiting.
    /// - Throws: ``ZMQError`` when receiving or replying fails.
    @discardableResult
    public static func handleOne(
        on socket: Socket, dontWait: Bool = true, decide: (ZAPRequest) -> ZAPDecision
    ) throws(ZMQError) -> Exchange? {
        guard let frames = try socket.receiveMultipart(dontWait: dontWait) else {
            return nil
        }
        let request = Result { () throws(ZAPError) in try ZAPRequest(frames: frames) }
        let reply: ZAPReply
        switch request {
        case .success(let request):
            reply = Self.reply(to: request, decision: decide(request))
        case .failure(let error):
            let requestID = frames.count > 1 ? frames[1] : []
            reply = ZAPReply(requestID: requestID, status: .internalError, statusText: error.description)
        }
        try socket.send(reply.frames)
        return Exchange(request: request, reply: reply)
    }

    /// The reply carrying `decision` for `request`.
    /// - Parameters:
    ///   - request: The request being answered.
    ///   - decision: The verdict.
    /// - Returns: The reply frames' values.
    public static func reply(to request: ZAPRequest, decision: ZAPDecision) -> ZAPReply {
        switch decision {
        case .allow(let userID):
            ZAPReply(requestID: request.requestID, status: .success, statusText: "OK", userID: userID)
        case .deny(let reason):
            ZAPReply(requestID: request.requestID, status: .authenticationFailure, statusText: reason)
        case .temporaryFailure(let reason):
            ZAPReply(requestID: request.requestID, status: .temporaryError, statusText: reason)
        }
    }
}
