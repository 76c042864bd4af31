import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one gateway to libzmq (STYLE rule 7): every `zmq_*` call that can fail goes through here, so that
/// `EINTR` is retried in one place and every failure becomes a ``ZMQError`` naming the operation.
///
/// The endpoint is an autoclosure so the hot path (a successful send or receive) never builds a string.
enum ZMQCall {
    /// Runs a call that returns a negative value and sets `errno` on failure.
    /// - Returns: The call's non-negative result.
    @inline(__always)
    @discardableResult
    static func int(
        _ operation: @autoclosure () -> String,
        endpoint: @autoclosure () -> String? = nil,
        _ call: () -> Int32
    ) throws(ZMQError) -> Int32 {
        while true {
            let result = call()
            if result >= 0 {
                return result
            }
            let code = zmq_errno()
            if code == EINTR {
                continue
            }
            throw ZMQError(code: ZMQError.Code(rawValue: code), operation: operation(), endpoint: endpoint())
        }
    }

    /// Runs a call that returns `nil` and sets `errno` on failure.
    /// - Returns: The call's non-nil result.
    @inline(__always)
    static func pointer<Pointer>(
        _ operation: @autoclosure () -> String,
        endpoint: @autoclosure () -> String? = nil,
        _ call: () -> Pointer?
    ) throws(ZMQError) -> Pointer {
        while true {
            if let result = call() {
                return result
            }
            let code = zmq_errno()
            if code == EINTR {
                continue
            }
            throw ZMQError(code: ZMQError.Code(rawValue: code), operation: operation(), endpoint: endpoint())
        }
    }

    /// Like ``int(_:endpoint:_:)`` but returns `nil` on `EAGAIN` instead of throwing, for non-blocking
    /// sends and receives and for receive timeouts.
    @inline(__always)
    static func intUnlessAgain(
        _ operation: @autoclosure () -> String,
        endpoint: @autoclosure () -> String? = nil,
        _ call: () -> Int32
    ) throws(ZMQError) -> Int32? {
        while true {
            let result = call()
            if result >= 0 {
                return result
            }
            let code = zmq_errno()
            if code == EINTR {
                continue
            }
            if code == EAGAIN {
                return nil
            }
            throw ZMQError(code: ZMQError.Code(rawValue: code), operation: operation(), endpoint: endpoint())
        }
    }

    /// Runs a call that returns a negative value and sets `errno` on failure, for callers that must clean
    /// up before throwing (a refused `zmq_msg_t` still needs closing).
    /// - Returns: 0 on success, otherwise the failure's `errno` (never `EINTR`, which is retried).
    @inline(__always)
    static func errno(_ call: () -> Int32) -> Int32 {
        while true {
            if call() >= 0 {
                return 0
            }
            let code = zmq_errno()
            if code != EINTR {
                return code
            }
        }
    }
}
