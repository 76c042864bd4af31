#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain OS thread that is joined explicitly: blocking zmq calls must run on real threads, never on
/// Swift concurrency's cooperative pool (DESIGN.md, Threading).
struct JoinableThread: ~Copyable {
    /// Carries the body across `pthread_create`'s C boundary.
    private final class Body: Sendable {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    private let thread: pthread_t

    /// Starts `body` on a new thread.
    /// - Throws: ``ZMQError`` with the `pthread_create` error when no thread can be started.
    init(_ body: @escaping @Sendable () -> Void) throws(ZMQError) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue().run()
            return nil
        }, box)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            throw ZMQError(code: ZMQError.Code(rawValue: result), operation: "pthread_create")
        }
        self.thread = thread
    }

    /// Waits until the body has returned.
    consuming func join() {
        pthread_join(thread, nil)
    }
}
