import PatrolCore

/// What a simulated device is doing, as its firmware sees it.
public enum DeviceMode: Sendable, Equatable {
    /// Connected, waiting for a route (parked on its dock or holding where it is).
    case idle
    case patrolling
    /// Going home to charge: commanded by the hub or decided on board when the battery runs low.
    case returning
    case charging
    /// Going to a commanded place; `investigate` resumes the route after a look, else it holds there.
    case dispatched(target: Point2, investigate: Bool)
    case holding
    /// Crashed (a fault): silent and still for the rest of the run.
    case crashed
    /// Ran out of battery away from the dock.
    case depleted

    /// Whether the device is in the air / on the move and draining its battery.
    var isActive: Bool {
        switch self {
        case .patrolling, .returning, .dispatched, .holding: true
        case .idle, .charging, .crashed, .depleted: false
        }
    }
}
