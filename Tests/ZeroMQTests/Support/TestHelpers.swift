#if canImport(Glibc)
import Glibc
#endif
import ZeroMQ

/// The bytes of a UTF-8 string, for readable frames in tests.
func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// The transports every pattern test runs over.
enum Transport: String, CaseIterable, Sendable, CustomStringConvertible {
    case inproc
    case tcp

    var description: String { rawValue }

    /// Binds `socket` on this transport and returns the endpoint peers connect to.
    func bind(_ socket: Socket, name: String) throws -> String {
        switch self {
        case .inproc:
            let endpoint = "inproc://\(name)"
            try socket.bind(endpoint)
            return endpoint
        case .tcp:
            try socket.bind("tcp://127.0.0.1:*")
            return try socket.lastEndpoint
        }
    }
}

extension Socket {
    /// Waits up to `timeoutMS` for a whole message; `nil` when none arrived in time.
    func receive(timeoutMS: Int) throws -> [[UInt8]]? {
        var poller = Poller()
        poller.register(self)
        guard try poller.poll(timeoutMS: timeoutMS).isReadable(0) else {
            return nil
        }
        return try receiveMultipart(dontWait: true)
    }
}

/// Milliseconds elapsed on the monotonic clock since `start`.
func elapsedMS(since start: ContinuousClock.Instant) -> Double {
    let duration = ContinuousClock.now - start
    return Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// `count` bytes in a seeded pattern that differs at every offset within 251 bytes, built without a
/// per-element generic loop (slow in debug builds).
func patternedBytes(count: Int, seed: UInt8) -> [UInt8] {
    let period = (0..<251).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    var result = [UInt8]()
    result.reserveCapacity(count + period.count)
    while result.count < count {
        result.append(contentsOf: period)
    }
    result.removeLast(result.count - count)
    return result
}

/// Frame-by-frame equality with `memcmp`, fast for megabyte frames in debug builds.
func sameFrames(_ lhs: [[UInt8]], _ rhs: [[UInt8]]) -> Bool {
    guard lhs.count == rhs.count else {
        return false
    }
    return zip(lhs, rhs).allSatisfy { left, right in
        left.count == right.count && left.withUnsafeBytes { leftBytes in
            right.withUnsafeBytes { rightBytes in
                left.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, left.count) == 0
            }
        }
    }
}
