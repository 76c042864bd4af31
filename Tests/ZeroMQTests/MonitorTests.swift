import Foundation
import Testing
import ZeroMQ

/// The socket monitor reports connection events with their endpoint.
@Suite("Socket monitor")
struct MonitorTests {
    @Test func monitorReportsListeningAcceptedAndConnected() throws {
        let context = try Context()
        let server = try Socket(context, type: .router)
        let serverMonitor = try server.monitor()
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try server.lastEndpoint
        let listening = try #require(try serverMonitor.next(timeoutMS: 1000))
        #expect(listening.kind == .listening)
        #expect(listening.endpoint == endpoint)

        let client = try Socket(context, type: .dealer)
        let clientMonitor = try client.monitor(.connected)
        try client.connect(endpoint)
        #expect(try clientMonitor.waitFor(.connected, timeoutMS: 2000)?.endpoint == endpoint)
        #expect(try serverMonitor.waitFor(.accepted, timeoutMS: 2000)?.kind == .accepted)
        #expect(try serverMonitor.waitFor(.handshakeSucceeded, timeoutMS: 2000)?.kind == .handshakeSucceeded)
        clientMonitor.close()
        #expect(clientMonitor.socket.isClosed)
    }

    /// libzmq raises a connect retry on the context's I/O thread and sends it on a blocking PAIR. A monitor
    /// whose reader closed while monitoring stayed on would block that thread at the next retry, and every
    /// socket of the context with it (a secured hub then stopped answering handshakes).
    @Test func aClosedMonitorLeavesTheContextServing() throws {
        let context = try Context()
        defer { context.close() }
        // A path nobody binds (a vacated TCP port may be taken by a test running alongside).
        let nobodyListens = "ipc://" + FileManager.default.temporaryDirectory
            .appendingPathComponent("zeromq-nobody-\(UUID().uuidString)").path

        let client = try Socket(context, type: .dealer)
        try client.set(.lingerMS, 0)
        defer { client.close() }
        let monitor = try client.monitor(.connectRetried)
        try client.connect(nobodyListens)
        #expect(try monitor.waitFor(.connectRetried, timeoutMS: 5000) != nil)
        monitor.close()
        // Several more retries (one every 100 ms) come after the reader is gone.
        Thread.sleep(forTimeInterval: 0.5)

        let pull = try Socket(context, type: .pull)
        let push = try Socket(context, type: .push)
        defer { push.close(); pull.close() }
        try pull.bind("tcp://127.0.0.1:*")
        try push.connect(try pull.lastEndpoint)
        #expect(try push.send(bytes("still served"), dontWait: false))
        var poller = Poller()
        poller.register(pull)
        #expect(try poller.poll(timeoutMS: 3000).isReadable(0))
        #expect(try pull.receiveFrame(dontWait: true)?.bytes == bytes("still served"))
    }

    @Test func monitorEventParserRefusesWrongFrames() throws {
        let error = #expect(throws: ZMQError.self) { try MonitorEvent(frames: [[1, 2, 3]]) }
        #expect(error?.code == .protocolError)
        #expect(error?.description.contains("expected 2 frames with a 6-byte first frame, got 1 frames") == true)
        let event = try MonitorEvent(frames: [[0x00, 0x10, 0x00, 0x00, 0x00, 0x00], bytes("tcp://x:1")])
        #expect(event.kind == .handshakeSucceeded)
        #expect(event.description == "[handshakeSucceeded] tcp://x:1 (0)")
    }
}
