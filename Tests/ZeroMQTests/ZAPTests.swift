import Testing
import ZeroMQ

/// ZAP 1.0 frames and a live handler admitting one key and refusing another.
@Suite("ZAP authentication")
struct ZAPTests {
    private static let curveKey = [UInt8](repeating: 7, count: 32)

    private static func requestFrames(
        version: String = "1.0", mechanism: String = "CURVE", credentials: [[UInt8]] = [curveKey]
    ) -> [[UInt8]] {
        [bytes(version), bytes("42"), bytes("patrol"), bytes("127.0.0.1"), [], bytes(mechanism)] + credentials
    }

    @Test func curveRequestIsParsedAndRebuilt() throws {
        let frames = Self.requestFrames()
        let request = try ZAPRequest(frames: frames)
        #expect(request.requestID == bytes("42"))
        #expect(request.domain == "patrol")
        #expect(request.address == "127.0.0.1")
        #expect(request.mechanism == "CURVE")
        #expect(request.curvePublicKey == (try Z85.encode(Self.curveKey)))
        #expect(request.frames == frames)
    }

    @Test func nullAndPlainRequestsHaveNoCurveKey() throws {
        let null = try ZAPRequest(frames: Self.requestFrames(mechanism: "NULL", credentials: []))
        #expect(null.curvePublicKey == nil)
        let plainFrames = Self.requestFrames(mechanism: "PLAIN", credentials: [bytes("u"), bytes("p")])
        let plain = try ZAPRequest(frames: plainFrames)
        #expect(plain.credentials == [bytes("u"), bytes("p")])
    }

    @Test(arguments: [
        (requestFrames(version: "2.0"), "ZAP frame 0 (version): expected \"1.0\", got \"2.0\""),
        (requestFrames(mechanism: "GSSAPI"), "ZAP frame 5 (mechanism): expected NULL, PLAIN or CURVE, got \"GSSAPI\""),
        (requestFrames(credentials: [[1, 2, 3]]), "ZAP frame 6 (CURVE public key): expected 32 bytes, got 3"),
        (requestFrames(credentials: []), "ZAP message: expected 1 credential frames for CURVE, got 0"),
        (Array(requestFrames().prefix(3)), "ZAP message: expected at least 6 frames"),
        ([bytes("1.0"), [], [0xFF, 0xFE], [], [], bytes("NULL")], "ZAP frame 2 (domain): expected UTF-8 text"),
    ])
    func malformedRequestsNameTheFrame(frames: [[UInt8]], expected: String) {
        let error = #expect(throws: ZAPError.self) { try ZAPRequest(frames: frames) }
        #expect(error?.description.hasPrefix(expected) == true, "\(String(describing: error))")
    }

    @Test func replyRoundTripsAndRefusesUnknownStatus() throws {
        let reply = ZAPReply(requestID: bytes("42"), status: .success, statusText: "OK", userID: "drone-1")
        #expect(try ZAPReply(frames: reply.frames) == reply)
        var frames = reply.frames
        frames[2] = bytes("201")
        let error = #expect(throws: ZAPError.self) { try ZAPReply(frames: frames) }
        #expect(error?.frame == 2)
    }

    @Test func handlerAnswersAMalformedRequestWithStatus500() throws {
        let context = try Context()
        let zap = try ZAPHandler.bind(in: context)
        let asker = try Socket(context, type: .req)
        try asker.connect(ZAPHandler.endpoint)
        try asker.send([bytes("1.0"), bytes("7")])
        var poller = Poller()
        poller.register(zap)
        #expect(try poller.poll(timeoutMS: 2000).isReadable(0))
        let exchange = try #require(try ZAPHandler.handleOne(on: zap) { _ in .allow(userID: "nobody") })
        #expect(exchange.reply.status == .internalError)
        let answer = try ZAPReply(frames: try #require(try asker.receive(timeoutMS: 2000)))
        #expect(answer.requestID == bytes("7"))
        #expect(answer.status == .internalError)
        #expect(try ZAPHandler.handleOne(on: zap) { _ in .allow(userID: "nobody") } == nil)
    }

    @Test func handlerAdmitsTheAllowedKeyAndRefusesTheOther() throws {
        let context = try Context()
        let zap = try ZAPHandler.bind(in: context)
        let serverKeys = try CurveKeyPair.generate()
        let allowedKeys = try CurveKeyPair.generate()
        let deniedKeys = try CurveKeyPair.generate()

        let server = try Socket(context, type: .router)
        try server.makeCurveServer(keys: serverKeys, zapDomain: "patrol")
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try server.lastEndpoint

        let allowed = try Socket(context, type: .dealer)
        try allowed.makeCurveClient(keys: allowedKeys, serverPublicKey: serverKeys.publicKey)
        let denied = try Socket(context, type: .dealer)
        try denied.makeCurveClient(keys: deniedKeys, serverPublicKey: serverKeys.publicKey)
        let deniedMonitor = try denied.monitor([.handshakeSucceeded, .handshakeFailed])
        try allowed.connect(endpoint)
        try denied.connect(endpoint)
        try allowed.send(bytes("from allowed"))
        try denied.send(bytes("from denied"))

        // One thread plays hub: it answers ZAP requests and reads the server until both verdicts are in.
        var poller = Poller()
        let zapIndex = poller.register(zap)
        let serverIndex = poller.register(server)
        let monitorIndex = poller.register(deniedMonitor.socket)
        var verdicts: [String: ZAPReply.Status] = [:]
        var messages: [ReceivedMessage] = []
        var deniedEvent: MonitorEvent?
        let start = ContinuousClock.now
        while elapsedMS(since: start) < 2000, messages.isEmpty || deniedEvent == nil {
            let ready = try poller.poll(timeoutMS: 50)
            if ready.isReadable(zapIndex) {
                let exchange = try ZAPHandler.handleOne(on: zap) { request in
                    request.curvePublicKey == allowedKeys.publicKey
                        ? .allow(userID: "drone-1") : .deny(reason: "unknown key")
                }
                if let exchange, case .success(let request) = exchange.request, let key = request.curvePublicKey {
                    #expect(request.domain == "patrol")
                    verdicts[key] = exchange.reply.status
                }
            }
            if ready.isReadable(serverIndex), let message = try server.receiveMessage(dontWait: true) {
                messages.append(message)
            }
            if ready.isReadable(monitorIndex) {
                deniedEvent = try deniedMonitor.next(timeoutMS: 0)
            }
        }
        #expect(verdicts[allowedKeys.publicKey] == .success)
        #expect(verdicts[deniedKeys.publicKey] == .authenticationFailure)
        #expect(messages.count == 1)
        #expect(messages.first?.frames.last == bytes("from allowed"))
        #expect(messages.first?.userID == "drone-1")
        #expect(deniedEvent?.kind == .handshakeFailedAuth)
        #expect(deniedEvent?.value == 400)
    }
}
