import Testing
import ZeroMQ

/// Multipart messages go through `zmq_msg_t` whole, whatever their size.
@Suite("Multipart messages")
struct MultipartTests {
    @Test(arguments: Transport.allCases)
    func oneMebibyteMultipartRoundTrip(transport: Transport) throws {
        let context = try Context()
        let server = try Socket(context, type: .pair)
        let client = try Socket(context, type: .pair)
        try client.connect(try transport.bind(server, name: "big"))
        let big = patternedBytes(count: 1 << 20, seed: 7)
        let frames = [bytes("header"), big, [], patternedBytes(count: 1 << 20, seed: 11)]
        try client.send(frames)
        let received = try #require(try server.receive(timeoutMS: 2000))
        #expect(sameFrames(received, frames))
        try server.send(received)
        let echoed = try #require(try client.receive(timeoutMS: 2000))
        #expect(sameFrames(echoed, frames))
    }

    @Test func framesAreReceivedOneByOneWithTheirMoreFlag() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        let push = try Socket(context, type: .push)
        try pull.bind("inproc://frames")
        try push.connect("inproc://frames")
        try push.send(bytes("a"), more: true)
        try push.send(bytes("bc"))
        #expect(try pull.receiveFrame() == MessageFrame(bytes: bytes("a"), more: true))
        #expect(try pull.get(.receiveMore))
        // The zero-copy path lends the bytes for the duration of the closure.
        let lent = try pull.withReceivedFrame { buffer, more in (Array(buffer), more) }
        #expect(lent?.0 == bytes("bc"))
        #expect(lent?.1 == false)
    }

    @Test func nonBlockingReceiveReturnsNilWhenNothingWaits() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        try pull.bind("inproc://empty")
        #expect(try pull.receiveMultipart(dontWait: true) == nil)
        #expect(try pull.receiveFrame(dontWait: true) == nil)
    }

    @Test func receiveTimeoutReturnsNilAfterTheTimeout() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        try pull.set(.receiveTimeoutMS, 50)
        try pull.bind("inproc://timeout")
        let start = ContinuousClock.now
        #expect(try pull.receiveMultipart() == nil)
        #expect(elapsedMS(since: start) >= 45)
    }

    @Test func nonBlockingSendReturnsFalseWithoutAPeer() throws {
        let context = try Context()
        let push = try Socket(context, type: .push)
        try push.bind("inproc://nobody")
        #expect(try push.send([bytes("lost")], dontWait: true) == false)
        #expect(try push.send(bytes("lost"), dontWait: true) == false)
    }

    @Test func emptyFrameListIsRefused() throws {
        let context = try Context()
        let push = try Socket(context, type: .push)
        let error = #expect(throws: ZMQError.self) { try push.send([]) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.description.contains("at least one frame") == true)
    }

    @Test func receivedMessageCarriesThePeerAddressOverTCP() throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        let dealer = try Socket(context, type: .dealer)
        try router.bind("tcp://127.0.0.1:*")
        try dealer.connect(try router.lastEndpoint)
        try dealer.send(bytes("hi"))
        var poller = Poller()
        poller.register(router)
        #expect(try poller.poll(timeoutMS: 2000).isReadable(0))
        let message = try #require(try router.receiveMessage(dontWait: true))
        #expect(message.frames.count == 2)
        #expect(message.frames[1] == bytes("hi"))
        #expect(message.peerAddress == "127.0.0.1")
        #expect(message.userID == nil)
    }
}
