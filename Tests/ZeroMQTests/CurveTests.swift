import Testing
import ZeroMQ

/// CURVE keys, Z85 and the encrypted handshake.
@Suite("CURVE and Z85")
struct CurveTests {
    @Test func libzmqHasCurve() {
        #expect(ZMQLibrary.hasCurve)
        #expect(ZMQLibrary.version.major == 4)
    }

    @Test func z85MatchesTheRFCTestVector() throws {
        // RFC 32's example: these 8 bytes are "HelloWorld".
        let data: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(try Z85.encode(data) == "HelloWorld")
        #expect(try Z85.decode("HelloWorld") == data)
    }

    @Test(arguments: [0, 4, 32, 400])
    func z85RoundTripsSeededBytes(count: Int) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(count + 1)
        let data = (0..<count).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let text = try Z85.encode(data)
        #expect(text.utf8.count == count / 4 * 5)
        #expect(try Z85.decode(text) == data)
    }

    @Test func z85RefusesBadLengthsAndCharacters() throws {
        let oddBytes = #expect(throws: ZMQError.self) { try Z85.encode([1, 2, 3]) }
        #expect(oddBytes?.description.contains("multiple of 4 bytes, got 3") == true)
        let oddText = #expect(throws: ZMQError.self) { try Z85.decode("Hello!") }
        #expect(oddText?.description.contains("multiple of 5 Z85 characters, got 6") == true)
        let badCharacter = #expect(throws: ZMQError.self) { try Z85.decode("Hell\"World") }
        #expect(badCharacter?.code == .invalidArgument)
        #expect(badCharacter?.description.contains("Z85 alphabet") == true)
    }

    @Test func generatedKeysAreDistinctAndDeriveTheirPublicKey() throws {
        let first = try CurveKeyPair.generate()
        let second = try CurveKeyPair.generate()
        #expect(first.publicKey.utf8.count == 40)
        #expect(first.secretKey.utf8.count == 40)
        #expect(first != second)
        #expect(try Z85.decode(first.publicKey).count == 32)
        #expect(try CurveKeyPair.publicKey(forSecretKey: first.secretKey) == first.publicKey)
        #expect(try CurveKeyPair(secretKey: first.secretKey) == first)
        #expect(try CurveKeyPair(publicKey: first.publicKey, secretKey: first.secretKey) == first)
        #expect(!first.description.contains(first.secretKey))
    }

    @Test func mismatchedOrMalformedKeysAreRefused() throws {
        let first = try CurveKeyPair.generate()
        let second = try CurveKeyPair.generate()
        let mismatch = #expect(throws: ZMQError.self) {
            try CurveKeyPair(publicKey: second.publicKey, secretKey: first.secretKey)
        }
        #expect(mismatch?.description.contains("does not belong to the secret key") == true)
        let short = #expect(throws: ZMQError.self) { try CurveKeyPair(secretKey: "tooShort") }
        #expect(short?.description.contains("expected 40 Z85 characters (32 bytes), got 8") == true)
    }

    @Test func curveHandshakeSucceedsWithTheRightServerKey() throws {
        let context = try Context()
        let serverKeys = try CurveKeyPair.generate()
        let server = try Socket(context, type: .router)
        // No ZAP handler in this context: every client that knows the server key is admitted.
        try server.makeCurveServer(keys: serverKeys, enforceDomain: false)
        try server.bind("tcp://127.0.0.1:*")
        let client = try Socket(context, type: .dealer)
        try client.makeCurveClient(keys: try CurveKeyPair.generate(), serverPublicKey: serverKeys.publicKey)
        let monitor = try client.monitor([.handshakeSucceeded, .handshakeFailed])
        try client.connect(try server.lastEndpoint)
        try client.send(bytes("secret telemetry"))
        #expect(try monitor.waitFor(.all, timeoutMS: 2000)?.kind == .handshakeSucceeded)
        let message = try #require(try server.receive(timeoutMS: 2000))
        #expect(message.last == bytes("secret telemetry"))
        #expect(try server.get(.mechanism) == 2)
    }

    @Test func curveHandshakeFailsWithAWrongServerKey() throws {
        let context = try Context()
        let serverKeys = try CurveKeyPair.generate()
        let server = try Socket(context, type: .router)
        try server.makeCurveServer(keys: serverKeys, enforceDomain: false)
        let serverMonitor = try server.monitor([.handshakeSucceeded, .handshakeFailed])
        try server.bind("tcp://127.0.0.1:*")
        let client = try Socket(context, type: .dealer)
        let impostorServerKey = try CurveKeyPair.generate().publicKey
        try client.makeCurveClient(keys: try CurveKeyPair.generate(), serverPublicKey: impostorServerKey)
        try client.connect(try server.lastEndpoint)
        try client.send(bytes("never delivered"))
        let event = try #require(try serverMonitor.waitFor(.all, timeoutMS: 2000))
        #expect(MonitorEvents.handshakeFailed.contains(event.kind))
        #expect(try server.receive(timeoutMS: 200) == nil)
    }

    @Test func enforcedDomainWithoutAZAPHandlerFailsClosed() throws {
        let context = try Context()
        let serverKeys = try CurveKeyPair.generate()
        let server = try Socket(context, type: .router)
        try server.makeCurveServer(keys: serverKeys, zapDomain: "patrol")
        try server.bind("tcp://127.0.0.1:*")
        let client = try Socket(context, type: .dealer)
        try client.makeCurveClient(keys: try CurveKeyPair.generate(), serverPublicKey: serverKeys.publicKey)
        let monitor = try client.monitor([.handshakeSucceeded, .handshakeFailed, .disconnected])
        try client.connect(try server.lastEndpoint)
        try client.send(bytes("nobody checked my key"))
        let event = try #require(try monitor.waitFor(.all, timeoutMS: 2000))
        #expect(event.kind != .handshakeSucceeded)
        #expect(try server.receive(timeoutMS: 200) == nil)
    }

    @Test func clientRefusesAMalformedServerKey() throws {
        let context = try Context()
        let client = try Socket(context, type: .dealer)
        let error = #expect(throws: ZMQError.self) {
            try client.makeCurveClient(keys: try CurveKeyPair.generate(), serverPublicKey: "not-a-key")
        }
        #expect(error?.description.contains("server public key") == true)
    }
}
