import CZeroMQ
import Synchronization

/// Numbers the monitor endpoints so every monitor in the process gets its own `inproc://` name.
private let monitorSerial = Atomic<Int>(0)

/// Observes a socket's connection events (`zmq_socket_monitor`): connects, disconnects, and whether each
/// security handshake succeeded or failed. Tests use it to see a CURVE or ZAP refusal; the hub can log them.
///
/// Create it with ``Socket/monitor(_:)`` before the monitored socket binds or connects, so no event is missed.
/// Like a socket, a monitor belongs to one thread.
public final class SocketMonitor {
    /// The PAIR socket receiving the events; register it in a ``Poller`` to wait for events in a loop.
    public let socket: Socket
    /// The `inproc://` endpoint libzmq publishes the events on.
    public let endpoint: String
    /// The monitored socket, whose monitoring ``close()`` stops.
    private let target: Socket

    init(monitoring target: Socket, events: MonitorEvents) throws(ZMQError) {
        let serial = monitorSerial.wrappingAdd(1, ordering: .relaxed).newValue
        let endpoint = "inproc://zeromq.monitor.\(serial)"
        let live = try target.liveHandle("zmq_socket_monitor")
        try ZMQCall.int("zmq_socket_monitor (\(target.type))", endpoint: endpoint) {
            zmq_socket_monitor(live, endpoint, events.rawValue)
        }
        let socket = try Socket(target.context, type: .pair)
        try socket.connect(endpoint)
        self.socket = socket
        self.endpoint = endpoint
        self.target = target
    }

    deinit {
        close()
    }

    /// Receives the next event.
    /// - Parameter timeoutMS: Longest wait in ms (0: only what is already queued, -1: forever).
    /// - Returns: The event, or `nil` when none came in time.
    /// - Throws: ``ZMQError`` (`EPROTO` for a malformed event).
    public func next(timeoutMS: Int) throws(ZMQError) -> MonitorEvent? {
        var poller = Poller()
        poller.register(socket)
        guard try poller.poll(timeoutMS: timeoutMS).isReadable(0),
              let frames = try socket.receiveMultipart(dontWait: true)
        else {
            return nil
        }
        return try MonitorEvent(frames: frames)
    }

    /// Receives events until one of the given kinds arrives, skipping the others.
    /// - Parameters:
    ///   - kinds: The kinds to wait for, e.g. `[.handshakeSucceeded, .handshakeFailed]`.
    ///   - timeoutMS: Longest total wait in ms (-1: forever).
    /// - Returns: The first matching event, or `nil` when none came in time.
    /// - Throws: ``ZMQError`` (`EPROTO` for a malformed event).
    public func waitFor(_ kinds: MonitorEvents, timeoutMS: Int) throws(ZMQError) -> MonitorEvent? {
        let deadline = ContinuousClock.now + .milliseconds(max(0, timeoutMS))
        while true {
            let remainingMS = timeoutMS < 0 ? -1 : ContinuousClock.now.duration(to: deadline).clampedMilliseconds
            guard let event = try next(timeoutMS: remainingMS) else {
                return nil
            }
            if !event.kind.isDisjoint(with: kinds) {
                return event
            }
        }
    }

    /// Stops monitoring, then closes the receiving socket. The monitored socket keeps running.
    ///
    /// The order matters: libzmq sends each event on a blocking PAIR from the thread that raised it, often the
    /// context's I/O thread. Left monitoring with its reader gone, the next event (a disconnect, a retry)
    /// would block that thread, and with it every socket of the context: a hub stops answering handshakes.
    public func close() {
        guard !socket.isClosed else { return }
        if let live = target.handle {
            // Fails only when the target is already closed, which the check above rules out.
            _ = zmq_socket_monitor(live, nil, 0)
        }
        socket.close()
    }
}

/// A monitor belongs to one thread, like its socket.
@available(*, unavailable)
extension SocketMonitor: Sendable {}

extension Socket {
    /// Starts monitoring this socket's events.
    /// - Parameter events: The kinds to report (default: all).
    /// - Returns: The monitor to read events from.
    /// - Throws: ``ZMQError`` when the socket is closed or the context is terminating.
    public func monitor(_ events: MonitorEvents = .all) throws(ZMQError) -> SocketMonitor {
        try SocketMonitor(monitoring: self, events: events)
    }
}
