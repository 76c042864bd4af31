import Dispatch
import PatrolCore

/// Advances a copy of the crowd on the second core while the simulation thread steps the devices and pumps
/// the hub with the current one.
///
/// The crowd moves every `pedestrianStride` steps. At such a step the simulation takes the crowd the
/// pipeline advanced (or advances it at once the first time) and hands a copy straight back, to be moved to
/// the next crowd step with the robots where they are now; for the steps in between, devices count and avoid
/// the current crowd. Pedestrians thus react to robots one crowd step late (0.5 s at the defaults), about a
/// person's reaction time. The result depends only on the crowd, the robots, the times and the crowd's own
/// seed, never on thread timing, so runs stay deterministic.
///
/// `PedestrianCrowd` has value semantics (a crowd that steps while a copy shares its buffers copies them
/// first), so the copy advanced here never touches the one the simulation thread reads.
final class CrowdPipeline: @unchecked Sendable {
    // Written by the simulation thread before `async` and read back after `done.wait()`: the queue and the
    // semaphore order every access, which is why the class can be marked Sendable.
    private var crowd: PedestrianCrowd?
    private var input: (dtS: Double, nowS: Double, robots: [Point2]) = (0, 0, [])
    private var pending = false
    private let done = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "patrolsim.crowd")

    /// Starts moving `crowd` by `dtS` to `nowS` in the background.
    func start(_ crowd: PedestrianCrowd, dtS: Double, nowS: Double, robots: [Point2]) {
        precondition(!pending, "a crowd step is already running")
        self.crowd = crowd
        input = (dtS, nowS, robots)
        pending = true
        queue.async { [self] in
            self.crowd?.step(dtS: input.dtS, nowS: input.nowS, robots: input.robots)
            done.signal()
        }
    }

    /// The crowd the last `start` moved, waiting for it; nil when none is running.
    func finish() -> PedestrianCrowd? {
        guard pending else { return nil }
        done.wait()
        pending = false
        defer { crowd = nil }
        return crowd
    }
}
