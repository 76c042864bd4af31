import Synchronization

/// The baseline later benchmarks compare against: raw libzmq DEALER -> ROUTER throughput over loopback
/// TCP, with no protocol encoding and no hub logic.
public enum RawThroughput {
    /// How long the receiver waits for the next message before giving up, in ms.
    private static let stallTimeoutMS: Int32 = 10_000
    /// How often a waiting receiver checks whether the sender failed, in ms.
    private static let checkIntervalMS: Int32 = 100

    /// Holds the sender thread's failure for the measuring thread.
    private final class Failure: Sendable {
        let error = Mutex<ZMQError?>(nil)
    }

    /// Measures how many messages per second one DEALER can push to one ROUTER over `tcp://127.0.0.1`,
    /// in process, with the sender and the receiver on two threads.
    ///
    /// The clock starts when the receiver has the connection's first (warm-up) message, so connecting is
    /// not measured, and stops when the last of `count` messages is received.
    /// - Parameters:
    ///   - messageBytes: The size of each message (one frame), in bytes.
    ///   - count: The number of messages to time, at least 1.
    /// - Returns: Messages per second.
    /// - Throws: ``ZMQError`` when an argument is out of range, a socket fails, or the stream stalls for 10 s.
    public static func measure(messageBytes: Int, count: Int) throws(ZMQError) -> Double {
        guard messageBytes >= 0, count >= 1 else {
            throw ZMQError(code: .invalidArgument, operation: "RawThroughput.measure",
                           detail: "expected messageBytes >= 0 and count >= 1, got \(messageBytes) and \(count)")
        }
        let context = try Context()
        defer { context.close() }
        let router = try Socket(context, type: .router)
        defer { router.close() }
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint

        let failure = Failure()
        let sender = try JoinableThread {
            do throws(ZMQError) {
                try send(count: count, messageBytes: messageBytes, to: endpoint, in: context)
            } catch {
                failure.error.withLock { $0 = error }
            }
        }
        let rate = Result { () throws(ZMQError) -> Double in
            try receive(count: count, on: router, endpoint: endpoint, failure: failure)
        }
        sender.join()
        // The sender's error explains a stalled receiver better than the stall itself.
        if let error = failure.error.withLock({ $0 }) {
            throw error
        }
        return try rate.get()
    }

    /// The receiver: wait for the warm-up, then time `count` messages.
    private static func receive(count: Int, on router: Socket, endpoint: String, failure: Failure)
        throws(ZMQError) -> Double
    {
        // Warm-up: routing id + one empty frame.
        try awaitFrame(on: router, received: 0, of: count, endpoint: endpoint, failure: failure)
        _ = try router.receiveMultipart(dontWait: true)
        let start = ContinuousClock.now
        var received = 0
        while received < count {
            // Each message is routing id + payload; lend the bytes instead of copying them.
            if let more = try router.withReceivedFrame(dontWait: true, { _, more in more }) {
                if !more {
                    received += 1
                }
            } else {
                try awaitFrame(on: router, received: received, of: count, endpoint: endpoint, failure: failure)
            }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / max(seconds, 1e-9)
    }

    /// Waits until a frame is ready, giving up early when the sender failed and late when the stream stalled.
    private static func awaitFrame(
        on router: Socket, received: Int, of count: Int, endpoint: String, failure: Failure
    ) throws(ZMQError) {
        var poller = Poller()
        poller.register(router)
        var waitedMS: Int32 = 0
        while try !poller.poll(timeoutMS: Int(checkIntervalMS)).isReadable(0) {
            if let error = failure.error.withLock({ $0 }) {
                throw error
            }
            waitedMS += checkIntervalMS
            if waitedMS >= stallTimeoutMS {
                throw stalled(received: received, of: count, endpoint: endpoint)
            }
        }
    }

    /// The sender thread: connect a DEALER, send the warm-up, then `count` messages of `messageBytes`.
    private static func send(count: Int, messageBytes: Int, to endpoint: String, in context: Context)
        throws(ZMQError)
    {
        let dealer = try Socket(context, type: .dealer)
        defer { dealer.close() }
        // Keep queued messages on close until the receiver has them, but never hang forever.
        try dealer.set(.lingerMS, stallTimeoutMS)
        try dealer.set(.sendTimeoutMS, stallTimeoutMS)
        try dealer.connect(endpoint)
        try dealer.send([UInt8]())
        let payload = [UInt8](repeating: 0xA5, count: messageBytes)
        try payload.withBytes { (bytes) throws(ZMQError) in
            for sent in 0..<count {
                guard try dealer.send(buffer: bytes) else {
                    throw ZMQError(code: .again, operation: "RawThroughput.measure sender", endpoint: endpoint,
                                   detail: "sent \(sent) of \(count) messages, then blocked for \(stallTimeoutMS) ms")
                }
            }
        }
    }

    private static func stalled(received: Int, of count: Int, endpoint: String) -> ZMQError {
        ZMQError(code: .again, operation: "RawThroughput.measure", endpoint: endpoint,
                 detail: "received \(received) of \(count) messages, then nothing for \(stallTimeoutMS) ms")
    }
}
