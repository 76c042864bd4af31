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

    @Test func monitorEventParserRefusesWrongFrames() throws {
        let error = #expect(throws: ZMQError.self) { try MonitorEvent(frames: [[1, 2, 3]]) }
        #expect(error?.code == .protocolError)
        #expect(error?.description.contains("expected 2 frames with a 6-byte first frame, got 1 frames") == true)
        let event = try MonitorEvent(frames: [[0x00, 0x10, 0x00, 0x00, 0x00, 0x00], bytes("tcp://x:1")])
        #expect(event.kind == .handshakeSucceeded)
        #expect(event.description == "[handshakeSucceeded] tcp://x:1 (0)")
    }
}
