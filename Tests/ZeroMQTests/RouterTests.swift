import Testing
import ZeroMQ

/// ROUTER addresses peers by routing id.
@Suite("ROUTER routing")
struct RouterTests {
    @Test func routerAddressesEachDealerByItsRoutingID() throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint
        let alpha = try Socket(context, type: .dealer)
        let bravo = try Socket(context, type: .dealer)
        try alpha.set(.routingID, bytes("alpha"))
        try bravo.set(.routingID, bytes("bravo"))
        try alpha.connect(endpoint)
        try bravo.connect(endpoint)
        try alpha.send(bytes("from alpha"))
        try bravo.send(bytes("from bravo"))
        var senders: Set<[UInt8]> = []
        for _ in 0..<2 {
            let message = try #require(try router.receive(timeoutMS: 2000))
            #expect(message.count == 2)
            #expect(message[1] == bytes("from ") + message[0])
            senders.insert(message[0])
        }
        #expect(senders == [bytes("alpha"), bytes("bravo")])
        try router.send([bytes("bravo"), bytes("for bravo")])
        try router.send([bytes("alpha"), bytes("for alpha")])
        #expect(try alpha.receive(timeoutMS: 2000) == [bytes("for alpha")])
        #expect(try bravo.receive(timeoutMS: 2000) == [bytes("for bravo")])
    }

    @Test func mandatoryRouterRefusesAnUnknownRoutingID() throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.set(.routerMandatory, true)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint
        let error = #expect(throws: ZMQError.self) {
            try router.send([bytes("ghost"), bytes("hello?")])
        }
        #expect(error?.code == .hostUnreachable)
        #expect(error?.isHostUnreachable == true)
        #expect(error?.description.contains(endpoint) == true)
        #expect(error?.description.contains("ROUTER") == true)
    }

    @Test func plainRouterDropsAnUnknownRoutingIDSilently() throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.bind("inproc://silent")
        #expect(try router.send([bytes("ghost"), bytes("hello?")]))
    }

    @Test func handoverGivesTheRoutingIDToTheNewConnection() throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.set(.routerHandover, true)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint
        let old = try Socket(context, type: .dealer)
        try old.set(.routingID, bytes("drone-1"))
        try old.connect(endpoint)
        try old.send(bytes("old"))
        #expect(try router.receive(timeoutMS: 2000) == [bytes("drone-1"), bytes("old")])

        let new = try Socket(context, type: .dealer)
        try new.set(.routingID, bytes("drone-1"))
        try new.connect(endpoint)
        try new.send(bytes("new"))
        #expect(try router.receive(timeoutMS: 2000) == [bytes("drone-1"), bytes("new")])
        try router.send([bytes("drone-1"), bytes("welcome back")])
        #expect(try new.receive(timeoutMS: 2000) == [bytes("welcome back")])
        #expect(try old.receive(timeoutMS: 100) == nil)
    }
}
