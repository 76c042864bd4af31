import CZeroMQ

/// The kind of a ZeroMQ socket, i.e. its messaging pattern.
public struct SocketType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The C constant (`ZMQ_ROUTER`, ...).
    public let rawValue: Int32

    /// Wraps a C socket type constant.
    /// - Parameter rawValue: A `ZMQ_*` socket type constant.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Exclusive pair, usually between two threads over `inproc://`. The corresponding C constant is `ZMQ_PAIR`.
    public static var pair: SocketType { SocketType(rawValue: ZMQ_PAIR) }
    /// Publisher: fans out to subscribers, drops at the high-water mark. The corresponding C constant is `ZMQ_PUB`.
    public static var pub: SocketType { SocketType(rawValue: ZMQ_PUB) }
    /// Subscriber: receives what matches its subscriptions. The corresponding C constant is `ZMQ_SUB`.
    public static var sub: SocketType { SocketType(rawValue: ZMQ_SUB) }
    /// Strict request (send, receive, send, ...). The corresponding C constant is `ZMQ_REQ`.
    public static var req: SocketType { SocketType(rawValue: ZMQ_REQ) }
    /// Strict reply (receive, send, receive, ...). The corresponding C constant is `ZMQ_REP`.
    public static var rep: SocketType { SocketType(rawValue: ZMQ_REP) }
    /// Asynchronous request side, load-balances outgoing messages. The corresponding C constant is `ZMQ_DEALER`.
    public static var dealer: SocketType { SocketType(rawValue: ZMQ_DEALER) }
    /// Asynchronous reply side: each received message starts with the sender's routing id frame.
    /// The corresponding C constant is `ZMQ_ROUTER`.
    public static var router: SocketType { SocketType(rawValue: ZMQ_ROUTER) }
    /// Pipeline sink. The corresponding C constant is `ZMQ_PULL`.
    public static var pull: SocketType { SocketType(rawValue: ZMQ_PULL) }
    /// Pipeline source. The corresponding C constant is `ZMQ_PUSH`.
    public static var push: SocketType { SocketType(rawValue: ZMQ_PUSH) }
    /// Publisher that also receives subscription messages. The corresponding C constant is `ZMQ_XPUB`.
    public static var xpub: SocketType { SocketType(rawValue: ZMQ_XPUB) }
    /// Subscriber that sends subscriptions as messages. The corresponding C constant is `ZMQ_XSUB`.
    public static var xsub: SocketType { SocketType(rawValue: ZMQ_XSUB) }

    /// The pattern's name as libzmq documents it, e.g. `ROUTER`.
    public var description: String {
        switch self {
        case .pair: "PAIR"
        case .pub: "PUB"
        case .sub: "SUB"
        case .req: "REQ"
        case .rep: "REP"
        case .dealer: "DEALER"
        case .router: "ROUTER"
        case .pull: "PULL"
        case .push: "PUSH"
        case .xpub: "XPUB"
        case .xsub: "XSUB"
        default: "socket type \(rawValue)"
        }
    }
}
