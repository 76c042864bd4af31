import Foundation
import PatrolCore

/// How a simulated run is set up: what `patrolsim run` flags select.
public struct SimulationOptions: Sendable {
    /// Who plans the devices' routes.
    public enum Planner: String, Sendable, CaseIterable {
        /// The hub's planner (AssignRoute).
        case ours
        /// Each device walks to random places (baseline).
        case random
        /// Boustrophedon strips split among the devices (baseline).
        case lawnmower
    }

    /// Where the hub is.
    public enum HubTarget: Sendable, Equatable {
        /// An in-process hub on the simulator's clock, pumped in lockstep: deterministic, as fast as the CPU.
        case inproc
        /// An external hub's device endpoint, e.g. `tcp://127.0.0.1:7450`, in real time.
        case remote(String)
    }

    public var durationS: Double = 600
    public var seed: UInt64 = 1
    /// Simulated seconds per wall second; nil runs as fast as possible.
    public var speedFactor: Double?
    public var hub: HubTarget = .inproc
    public var planner: Planner = .ours
    /// External hub only: its operator and event endpoints, for camera faults and alert tracking.
    public var operatorEndpoint: String?
    public var eventEndpoint: String?
    /// Device physics step, seconds.
    public var stepS: Double = 0.2
    /// Pedestrians move every this many device steps (1 s: the exact relaxation keeps a coarse step stable,
    /// and a coarse step keeps ten thousand of them cheap).
    public var pedestrianStride = 5
    /// Camera frames per device per second.
    public var frameRateHz: Double = 1
    /// Wind (east, north), metres per second.
    public var wind: Point2 = .zero
    /// Faults from flags, added to the mission's.
    public var extraFaults: [SimFault] = []
    /// Overrides the mission's pedestrian count.
    public var pedestrians: Int?
    /// Overrides the warm-up before the metrics window (seconds); nil: one patrol cycle.
    public var warmupS: Double?
    /// Record a replay (positions, heat, alerts) for `--html`.
    public var recordReplay = false
    /// Lockstep runs: pump the in-process hub on its own thread (true) or in place (false); nil decides by
    /// the fleet's size (`HubPump.ownThreadMinimumFleet`). The report is the same either way.
    public var pumpsHubOnOwnThread: Bool?

    public init() {}
}
