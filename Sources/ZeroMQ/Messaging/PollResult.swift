/// What each socket of a ``Poller`` is ready for after one poll.
public struct PollResult: Sendable, Hashable {
    /// Ready events per socket, in registration order.
    public let events: [PollEvents]

    /// Creates a result.
    /// - Parameter events: Ready events per socket, in registration order.
    public init(events: [PollEvents]) {
        self.events = events
    }

    /// True when the socket at `index` has a message to receive.
    /// - Parameter index: The index ``Poller/register(_:for:)`` returned.
    public func isReadable(_ index: Int) -> Bool {
        events[index].contains(.readable)
    }

    /// Indices of the sockets with a message to receive.
    public var readableIndices: [Int] {
        events.indices.filter { events[$0].contains(.readable) }
    }

    /// True when no socket was ready (the timeout passed).
    public var isEmpty: Bool {
        events.allSatisfy { $0.isEmpty }
    }
}
