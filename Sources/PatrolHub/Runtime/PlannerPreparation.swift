import Foundation
import PatrolCore
import PatrolPlanner
import Synchronization

/// Builds a mission's planner on a worker thread (viewpoints, distance matrices and tours take seconds on a
/// large site) while the hub thread keeps serving; the hub picks the result up at its next step.
///
/// The only shared state is the result slot, behind a `Mutex`.
final class PlannerPreparation: Sendable {
    private let result = Mutex<Planner?>(nil)
    /// Which mission load this preparation belongs to, so a stale result is never applied.
    let generation: Int

    /// Starts building the planner of `mission` on a new thread.
    init(mission: Mission, generation: Int) {
        self.generation = generation
        let thread = Thread { [self] in
            let planner = Planner(mission: mission)
            result.withLock { $0 = planner }
        }
        thread.name = "patrolhub-planner"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// The planner once ready; nil while it is being built.
    func take() -> Planner? {
        result.withLock { $0 }
    }
}
