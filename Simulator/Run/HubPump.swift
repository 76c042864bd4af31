import Dispatch
import PatrolHub

/// Pumps the in-process hub of a lockstep run, on its own thread while the simulation thread steps the world
/// when the fleet is large enough for that to pay.
///
/// `start` lets the hub handle a step's messages at the step's time while the next step is simulated, and
/// `finish` waits for it. The next step's messages go out meanwhile: the hub is told how many to handle from
/// each device (`Hub.pump(nowMS:expectedDeviceMessages:)`) and keeps later ones for the next pump, so each
/// pump handles exactly the same messages whatever the thread timing, and whether it runs on its own thread
/// or in place: runs stay deterministic, and the choice is one of speed alone. The devices read each reply
/// one step later.
final class HubPump: @unchecked Sendable {
    /// The smallest fleet whose hub is pumped on its own thread. Measured with `patrolsim run`, two runs each,
    /// alternating (BENCHMARKS.md): gen-fleet-mission.py districts for 600 s ran at 96x on its own thread
    /// against 93x in place with 50 devices, 59x against 54x with 100, 77x against 62x with 200;
    /// festival-park's 20 devices and 10,000 pedestrians (the crowd has the second core) at 326x against
    /// 390x, and plaza's 5 devices at 470x against 500x: with a small fleet, handing the pump over costs
    /// more than running it in place.
    static let ownThreadMinimumFleet = 50

    // The hub and its clock are touched only by the queue between `start` and `finish`, and only by the
    // simulation thread otherwise: the queue and the semaphore order every access, which is why the class
    // can be marked Sendable.
    private let hub: Hub
    private let clock: SimulationClock
    private let queue: DispatchQueue?
    private var outcome: Result<Void, any Error> = .success(())
    private var pending = false
    private let done = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - hub: the in-process hub.
    ///   - clock: the clock the hub reads; set to each pump's time before the pump starts.
    ///   - ownThread: pump on a thread of its own; false pumps in place, in `start`.
    init(hub: Hub, clock: SimulationClock, ownThread: Bool) {
        self.hub = hub
        self.clock = clock
        queue = ownThread ? DispatchQueue(label: "patrolsim.hub") : nil
    }

    /// Starts handling the step's device messages (`expected`, by routing id), the operator requests waiting
    /// and every timer due at `nowMS`.
    func start(nowMS: Int64, expectedDeviceMessages expected: [[UInt8]: Int]) {
        precondition(!pending, "the hub is already being pumped")
        pending = true
        clock.set(nowMS)
        guard let queue else {
            outcome = Result { try hub.pump(nowMS: nowMS, expectedDeviceMessages: expected) }
            done.signal()
            return
        }
        queue.async { [self] in
            outcome = Result { try hub.pump(nowMS: nowMS, expectedDeviceMessages: expected) }
            done.signal()
        }
    }

    /// Waits for the pump started last, if any.
    /// - Throws: what the pump threw (a socket failure).
    func finish() throws {
        guard pending else { return }
        done.wait()
        pending = false
        try outcome.get()
    }
}
