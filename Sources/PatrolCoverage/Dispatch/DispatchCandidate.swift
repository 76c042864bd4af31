import PatrolCore

/// A device the dispatcher may send, as the hub knows it now.
public struct DispatchCandidate: Hashable, Sendable {
    /// What the device is doing, as far as dispatch cares.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// At its dock, charged, without a route.
        case idle
        /// Flying or driving its patrol route: may be taken off it.
        case patrolling
        /// Already sent somewhere by a dispatch.
        case dispatched
        /// On its way home or charging (battery low).
        case returning
        case charging
        /// Not heard from: lost or disconnected.
        case offline
    }

    public var id: String
    public var kind: DeviceKind
    /// Current position, local metres; `z` above ground.
    public var position: Point3
    public var state: State
    /// What it can do: `camera`, `thermal`, `speaker`, `floodlight`...
    public var capabilities: Set<String>

    public init(id: String, kind: DeviceKind, position: Point3, state: State, capabilities: Set<String> = ["camera"]) {
        self.id = id
        self.kind = kind
        self.position = position
        self.state = state
        self.capabilities = capabilities
    }

    /// Devices in these states can be sent.
    public var isAvailable: Bool { state == .idle || state == .patrolling }
}

/// Where to send a device and what it must be able to do there.
public struct DispatchTarget: Hashable, Sendable {
    /// Local metres.
    public var position: Point2
    /// Every one of these must be among the device's capabilities.
    public var requiredCapabilities: Set<String>
    /// Only these kinds may go; nil allows any.
    public var allowedKinds: Set<DeviceKind>?
    /// Why (an alert id, an operator's request), echoed in explanations.
    public var reason: String

    public init(position: Point2, requiredCapabilities: Set<String> = ["camera"], allowedKinds: Set<DeviceKind>? = nil,
                reason: String) {
        self.position = position
        self.requiredCapabilities = requiredCapabilities
        self.allowedKinds = allowedKinds
        self.reason = reason
    }
}
