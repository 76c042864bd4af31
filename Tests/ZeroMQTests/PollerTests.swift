#if canImport(Glibc)
import Glibc
#endif
import Testing
import ZeroMQ

/// The poller reports which sockets are readable, within the timeout.
@Suite("Poller")
struct PollerTests {
    @Test func pollerReportsOnlyTheReadableSocket() throws {
        let context = try Context()
        let quiet = try Socket(context, type: .pull)
        let busy = try Socket(context, type: .pull)
        try quiet.bind("inproc://quiet")
        try busy.bind("inproc://busy")
        let push = try Socket(context, type: .push)
        try push.connect("inproc://busy")

        var poller = Poller()
        let quietIndex = poller.register(quiet)
        let busyIndex = poller.register(busy)
        #expect(poller.count == 2)

        let start = ContinuousClock.now
        let idle = try poller.poll(timeoutMS: 50)
        #expect(idle.isEmpty)
        #expect(elapsedMS(since: start) >= 45)

        try push.send(bytes("work"))
        let ready = try poller.poll(timeoutMS: 2000)
        #expect(ready.readableIndices == [busyIndex])
        #expect(!ready.isReadable(quietIndex))
        #expect(try busy.receiveMultipart(dontWait: true) == [bytes("work")])
        #expect(try poller.poll(timeoutMS: 0).isEmpty)
    }

    @Test func pollerReportsWritableSockets() throws {
        let context = try Context()
        let pair = try Socket(context, type: .pair)
        let peer = try Socket(context, type: .pair)
        try pair.bind("inproc://writable")
        try peer.connect("inproc://writable")
        var poller = Poller()
        poller.register(pair, for: [.readable, .writable])
        let result = try poller.poll(timeoutMS: 1000)
        #expect(result.events == [.writable])
    }

    @Test func pollingAClosedSocketNamesIt() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        try pull.bind("inproc://closing")
        var poller = Poller()
        poller.register(pull)
        pull.close()
        let error = #expect(throws: ZMQError.self) { try poller.poll(timeoutMS: 0) }
        #expect(error?.code == .notSocket)
        #expect(error?.description.contains("PULL socket #0 was closed") == true)
    }

    @Test func pollerWatchesAPlainFileDescriptorNextToSockets() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        try pull.bind("inproc://beside-a-pipe")
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer {
            close(descriptors[0])
            close(descriptors[1])
        }
        var poller = Poller()
        poller.register(pull)
        let pipeIndex = poller.register(fileDescriptor: descriptors[0])
        #expect(try poller.poll(timeoutMS: 0).isEmpty)
        #expect(write(descriptors[1], [UInt8(1)], 1) == 1)
        #expect(try poller.poll(timeoutMS: 1000).readableIndices == [pipeIndex])
    }

    @Test func pendingEventsShowAQueuedMessage() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        let push = try Socket(context, type: .push)
        try pull.bind("inproc://pending")
        try push.connect("inproc://pending")
        #expect(try !pull.pendingEvents.contains(.readable))
        try push.send(bytes("queued"))
        #expect(try pull.receive(timeoutMS: 1000) == [bytes("queued")])
        #expect(try push.pendingEvents.contains(.writable))
    }
}
