import Testing
import ZeroMQ

/// Every messaging pattern moves messages both ways (where the pattern allows) over inproc and loopback TCP.
@Suite("Socket patterns")
struct PatternTests {
    @Test(arguments: Transport.allCases)
    func requestReplyRoundTrip(transport: Transport) throws {
        let context = try Context()
        let rep = try Socket(context, type: .rep)
        let req = try Socket(context, type: .req)
        try req.connect(try transport.bind(rep, name: "rep"))
        try req.send(bytes("ping"))
        #expect(try rep.receive(timeoutMS: 2000) == [bytes("ping")])
        try rep.send(bytes("pong"))
        #expect(try req.receive(timeoutMS: 2000) == [bytes("pong")])
    }

    @Test(arguments: Transport.allCases)
    func dealerRouterRoundTripCarriesTheRoutingID(transport: Transport) throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        let dealer = try Socket(context, type: .dealer)
        try dealer.set(.routingID, bytes("device-7"))
        try dealer.connect(try transport.bind(router, name: "router"))
        try dealer.send([bytes("hello"), bytes("world")])
        #expect(try router.receive(timeoutMS: 2000) == [bytes("device-7"), bytes("hello"), bytes("world")])
        try router.send([bytes("device-7"), bytes("welcome")])
        #expect(try dealer.receive(timeoutMS: 2000) == [bytes("welcome")])
    }

    @Test(arguments: Transport.allCases)
    func pairRoundTrip(transport: Transport) throws {
        let context = try Context()
        let left = try Socket(context, type: .pair)
        let right = try Socket(context, type: .pair)
        try right.connect(try transport.bind(left, name: "pair"))
        try right.send(bytes("to left"))
        #expect(try left.receive(timeoutMS: 2000) == [bytes("to left")])
        try left.send(bytes("to right"))
        #expect(try right.receive(timeoutMS: 2000) == [bytes("to right")])
    }

    @Test(arguments: Transport.allCases)
    func pushPullDeliversInOrder(transport: Transport) throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        let push = try Socket(context, type: .push)
        try push.connect(try transport.bind(pull, name: "pull"))
        for index in 0..<10 {
            try push.send([UInt8(index)])
        }
        for index in 0..<10 {
            #expect(try pull.receive(timeoutMS: 2000) == [[UInt8(index)]])
        }
    }

    @Test(arguments: Transport.allCases)
    func subscriberReceivesOnlyItsTopic(transport: Transport) throws {
        let context = try Context()
        let pub = try Socket(context, type: .pub)
        let sub = try Socket(context, type: .sub)
        try sub.set(.subscribe, bytes("fleet"))
        try sub.connect(try transport.bind(pub, name: "pub"))
        // A subscription reaches the publisher asynchronously (the "slow joiner"), so publish until one
        // arrives; the other topic is published first each time and must never be delivered.
        var received: [[UInt8]]?
        for _ in 0..<100 where received == nil {
            try pub.send([bytes("alert"), bytes("not for us")])
            try pub.send([bytes("fleet"), bytes("update")])
            received = try sub.receive(timeoutMS: 20)
        }
        #expect(received == [bytes("fleet"), bytes("update")])
        while let more = try sub.receiveMultipart(dontWait: true) {
            #expect(more[0] == bytes("fleet"))
        }
    }

    @Test func unsubscribedTopicStopsArriving() throws {
        let context = try Context()
        let pub = try Socket(context, type: .pub)
        let sub = try Socket(context, type: .sub)
        try sub.set(.subscribe, bytes("plan"))
        try pub.bind("inproc://topics")
        try sub.connect("inproc://topics")
        var first: [[UInt8]]?
        for _ in 0..<100 where first == nil {
            try pub.send([bytes("plan")])
            first = try sub.receive(timeoutMS: 10)
        }
        #expect(first == [bytes("plan")])
        // Subscription changes travel in order, so once "alert" arrives, "plan" is no longer subscribed.
        try sub.set(.unsubscribe, bytes("plan"))
        try sub.set(.subscribe, bytes("alert"))
        var switched = false
        for _ in 0..<100 where !switched {
            try pub.send([bytes("alert")])
            switched = try sub.receive(timeoutMS: 10) == [bytes("alert")]
        }
        #expect(switched)
        while try sub.receiveMultipart(dontWait: true) != nil {}
        try pub.send([bytes("plan")])
        try pub.send([bytes("alert")])
        #expect(try sub.receive(timeoutMS: 1000) == [bytes("alert")])
        #expect(try sub.receive(timeoutMS: 50) == nil)
    }

    @Test(arguments: Transport.allCases)
    func xpubSeesSubscriptionsAndXsubReceives(transport: Transport) throws {
        let context = try Context()
        let xpub = try Socket(context, type: .xpub)
        let xsub = try Socket(context, type: .xsub)
        try xsub.connect(try transport.bind(xpub, name: "xpub"))
        try xsub.send([1] + bytes("coverage"))
        #expect(try xpub.receive(timeoutMS: 2000) == [[1] + bytes("coverage")])
        try xpub.send([bytes("coverage"), bytes("cells")])
        #expect(try xsub.receive(timeoutMS: 2000) == [bytes("coverage"), bytes("cells")])
    }

    @Test func socketTypesNameTheirPattern() {
        #expect(SocketType.router.description == "ROUTER")
        #expect(SocketType.dealer.description == "DEALER")
        #expect(SocketType(rawValue: 999).description == "socket type 999")
    }
}
