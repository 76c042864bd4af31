import Foundation
import Synchronization
import Testing
import ZeroMQ

/// Errors say which operation failed, on which endpoint, and why.
@Suite("Errors")
struct ErrorTests {
    @Test func bindingAnUnknownTransportNamesTheEndpoint() throws {
        let context = try Context()
        let socket = try Socket(context, type: .router)
        let error = #expect(throws: ZMQError.self) { try socket.bind("carrier-pigeon://loft") }
        #expect(error?.code == .protocolNotSupported)
        #expect(error?.description.hasPrefix("zmq_bind (ROUTER) on carrier-pigeon://loft failed: ") == true)
    }

    @Test func bindingABusyPortSaysAddressInUse() throws {
        let context = try Context()
        let first = try Socket(context, type: .router)
        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try first.lastEndpoint
        let second = try Socket(context, type: .router)
        let error = #expect(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(error?.code == .addressInUse)
        #expect(error?.description.contains(endpoint) == true)
        #expect(error?.description.contains("Address already in use") == true)
    }

    @Test func usingAClosedSocketSaysItWasClosed() throws {
        let context = try Context()
        let socket = try Socket(context, type: .dealer)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        let error = #expect(throws: ZMQError.self) { try socket.send(bytes("late")) }
        #expect(error?.code == .notSocket)
        #expect(error?.description.contains("the DEALER socket was already closed") == true)
    }

    @Test func requestSocketCannotSendTwice() throws {
        let context = try Context()
        let req = try Socket(context, type: .req)
        try req.connect("inproc://nobody-answers")
        try req.send(bytes("first"))
        let error = #expect(throws: ZMQError.self) { try req.send(bytes("second")) }
        #expect(error?.code == .invalidState)
        #expect(error?.description.contains("zmq_msg_send (REQ) on inproc://nobody-answers failed") == true)
    }

    @Test func unbindingAnUnknownEndpointFails() throws {
        let context = try Context()
        let socket = try Socket(context, type: .pull)
        let error = #expect(throws: ZMQError.self) { try socket.unbind("tcp://127.0.0.1:1") }
        #expect(error?.code == .noEntry)
    }

    @Test func closedContextRefusesNewSockets() throws {
        let context = try Context()
        context.close()
        #expect(context.isClosed)
        let error = #expect(throws: ZMQError.self) { try Socket(context, type: .pair) }
        #expect(error?.isTerminated == true)
        #expect(error?.description.contains("the context was closed") == true)
    }

    @Test func invalidOptionValueNamesTheOption() throws {
        let context = try Context()
        let socket = try Socket(context, type: .dealer)
        let error = #expect(throws: ZMQError.self) { try socket.set(.curveServerKey, "short") }
        #expect(error?.code == .invalidArgument)
        #expect(error?.description.contains("ZMQ_CURVE_SERVERKEY") == true)
    }

    /// Carries the blocked thread's error back to the test.
    private final class ErrorBox: Sendable {
        let error = Mutex<ZMQError?>(nil)
    }

    @Test func closingTheContextWakesABlockedReceiverWithTerminated() throws {
        let context = try Context()
        let box = ErrorBox()
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            do throws(ZMQError) {
                let pull = try Socket(context, type: .pull)
                // The owner closes its socket on ETERM; only then can the context finish closing.
                defer { pull.close() }
                try pull.bind("inproc://blocked")
                started.signal()
                _ = try pull.receiveMultipart()
            } catch {
                box.error.withLock { $0 = error }
            }
            finished.signal()
        }
        thread.start()
        started.wait()
        context.close()
        #expect(finished.wait(timeout: .now() + 2) == .success)
        let error = box.error.withLock { $0 }
        #expect(error?.isTerminated == true)
        #expect(error?.description.contains("zmq_msg_recv (PULL) on inproc://blocked failed") == true)
    }
}
