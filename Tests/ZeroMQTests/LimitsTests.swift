import Testing
import ZeroMQ

/// Size and queue limits protect a receiver from hostile or slow peers.
@Suite("Limits")
struct LimitsTests {
    @Test func frameLargerThanMaxMessageSizeIsRefusedAndTheConnectionDropped() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        try pull.set(.maxMessageSize, 1024)
        let monitor = try pull.monitor([.accepted, .disconnected])
        try pull.bind("tcp://127.0.0.1:*")
        let push = try Socket(context, type: .push)
        try push.connect(try pull.lastEndpoint)

        try push.send([UInt8](repeating: 1, count: 1024))
        #expect(try pull.receive(timeoutMS: 2000) == [[UInt8](repeating: 1, count: 1024)])
        #expect(try monitor.waitFor(.accepted, timeoutMS: 1000)?.kind == .accepted)

        try push.send([UInt8](repeating: 2, count: 1025))
        #expect(try monitor.waitFor(.disconnected, timeoutMS: 2000)?.kind == .disconnected)
        #expect(try pull.receive(timeoutMS: 100) == nil)
    }

    @Test func publisherDropsAtTheHighWaterMarkOfANonReadingSubscriber() throws {
        let context = try Context()
        let pub = try Socket(context, type: .pub)
        let sub = try Socket(context, type: .sub)
        try pub.set(.sendHighWaterMark, 10)
        try sub.set(.receiveHighWaterMark, 10)
        try sub.set(.subscribe, [])
        try pub.bind("inproc://hwm")
        try sub.connect("inproc://hwm")
        // Wait until the subscription is in place, then drain the probes.
        var joined = false
        for _ in 0..<100 where !joined {
            try pub.send(bytes("probe"))
            joined = try sub.receive(timeoutMS: 10) != nil
        }
        #expect(joined)
        while try sub.receiveMultipart(dontWait: true) != nil {}

        // The subscriber does not read while 10,000 messages are published: PUB must neither block nor queue them.
        let published = 10_000
        let start = ContinuousClock.now
        for index in 0..<published {
            #expect(try pub.send([UInt8(truncatingIfNeeded: index)], dontWait: true))
        }
        #expect(elapsedMS(since: start) < 1500)
        var delivered = 0
        while try sub.receiveMultipart(dontWait: true) != nil {
            delivered += 1
        }
        #expect(delivered > 0)
        #expect(delivered <= 40)
    }

    @Test func optionsReadBackWhatWasSet() throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.set(.maxMessageSize, 65_536)
        try router.set(.sendHighWaterMark, 123)
        try router.set(.receiveHighWaterMark, 456)
        try router.set(.lingerMS, 250)
        try router.set(.sendTimeoutMS, 10)
        try router.set(.receiveTimeoutMS, 20)
        try router.set(.heartbeatIntervalMS, 1000)
        try router.set(.heartbeatTTLMS, 3000)
        try router.set(.heartbeatTimeoutMS, 3000)
        try router.set(.immediate, true)
        try router.set(.routerHandover, true)
        try router.set(.routerMandatory, true)
        try router.set(.routingID, bytes("hub"))
        try router.set(.zapDomain, "patrol")
        #expect(try router.get(.maxMessageSize) == 65_536)
        #expect(try router.get(.sendHighWaterMark) == 123)
        #expect(try router.get(.receiveHighWaterMark) == 456)
        #expect(try router.get(.lingerMS) == 250)
        #expect(try router.get(.sendTimeoutMS) == 10)
        #expect(try router.get(.receiveTimeoutMS) == 20)
        #expect(try router.get(.heartbeatIntervalMS) == 1000)
        #expect(try router.get(.heartbeatTTLMS) == 3000)
        #expect(try router.get(.heartbeatTimeoutMS) == 3000)
        #expect(try router.get(.immediate))
        #expect(try router.get(.routingID) == bytes("hub"))
        #expect(try router.get(.zapDomain) == "patrol")
        #expect(try router.get(.type) == SocketType.router.rawValue)
        #expect(try router.pendingEvents == [])
    }

    @Test func newSocketsDoNotLinger() throws {
        let context = try Context()
        let push = try Socket(context, type: .push)
        #expect(try push.get(.lingerMS) == 0)
    }
}
