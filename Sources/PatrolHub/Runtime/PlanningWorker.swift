import Dispatch
import Foundation
import PatrolPlanner
import Synchronization
import ZeroMQ

/// Searches plans on a thread of its own, so that the hub thread goes on handling device reports and operator
/// requests while a large fleet is planned (DESIGN.md section 2: CPU-heavy work runs on worker threads that
/// talk to the hub thread over `inproc://` PAIR sockets, and the hub thread applies the results).
///
/// The hub hands over a job and sends a frame on its PAIR socket; the worker plans and answers with a frame,
/// which wakes the hub's poll. The job and the plan themselves pass through a `Mutex`-guarded slot: they are
/// Swift values, and the frames only say that one is waiting. One job at a time.
final class PlanningWorker {
    /// What one plan needs: all of it is a value, so the hub may change its own state meanwhile.
    struct Job: Sendable {
        var planner: Planner
        var fleetState: FleetState
        var previous: Plan?
    }

    /// A finished job: the plan and how long the search took, milliseconds.
    struct Outcome: Sendable {
        var plan: Plan
        var planMS: Double
    }

    /// The hub's end of the pair; registered in the hub's poller.
    let socket: Socket
    private let slots: Slots
    private let finished = DispatchSemaphore(value: 0)
    private var isRunning = false
    private var isClosed = false

    private final class Slots: Sendable {
        let job = Mutex<Job?>(nil)
        let outcome = Mutex<Outcome?>(nil)
    }

    private static let startFrame: [UInt8] = [1]
    private static let doneFrame: [UInt8] = [2]
    private static let stopFrame: [UInt8] = [0]

    /// Starts the worker thread, paired with the returned hub end over a fresh `inproc://` endpoint.
    /// - Throws: `ZMQError` when the pair cannot be made.
    init(context: Context) throws {
        let endpoint = "inproc://patrolhub-planning-\(UUID().uuidString)"
        socket = try Socket(context, type: .pair)
        try socket.set(.lingerMS, Int32(0))
        try socket.bind(endpoint)
        let slots = Slots()
        self.slots = slots
        let finished = finished
        // The worker's end is made here and from then on used and closed by the worker thread alone.
        let worker = try Socket(context, type: .pair)
        do {
            try worker.set(.lingerMS, Int32(0))
            try worker.connect(endpoint)
        } catch {
            worker.close()
            throw error
        }
        let box = WorkerSocket(worker)
        let thread = Thread {
            let worker = box.socket
            while let frames = try? worker.receiveMultipart(), frames.first == Self.startFrame {
                guard let job = slots.job.withLock({ $0.take() }) else { continue }
                let startedNS = DispatchTime.now().uptimeNanoseconds
                let plan = job.planner.replan(fleetState: job.fleetState, previous: job.previous)
                let planMS = Double(DispatchTime.now().uptimeNanoseconds - startedNS) / 1_000_000
                slots.outcome.withLock { $0 = Outcome(plan: plan, planMS: planMS) }
                _ = try? worker.send(Self.doneFrame)
            }
            worker.close()
            finished.signal()
        }
        thread.name = "patrolhub-planning"
        thread.stackSize = 16 << 20
        thread.start()
        isRunning = true
    }

    /// Hands a job to the worker.
    /// - Throws: `HubError` when the worker does not take it (its thread is gone), `ZMQError` when the socket
    ///   fails; the caller then plans in place.
    func start(_ job: Job) throws {
        slots.job.withLock { $0 = job }
        guard try socket.send(Self.startFrame, dontWait: true) else {
            slots.job.withLock { $0 = nil }
            throw HubError("the planning worker does not take jobs")
        }
    }

    /// The finished plan when the worker has answered, reading its frame; nil while it is still planning.
    func takeOutcome() -> Outcome? {
        guard (try? socket.receiveMultipart(dontWait: true)) != nil else { return nil }
        return slots.outcome.withLock { $0.take() }
    }

    /// Stops the worker (after the plan it is searching, if any) and closes the hub's end.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        // Without a worker at the other end (it failed to start, or its socket failed) nothing is sent and
        // nothing is waited for.
        if isRunning, (try? socket.send(Self.stopFrame, dontWait: true)) == true { finished.wait() }
        socket.close()
    }

    deinit { close() }
}

/// Carries the worker's socket, made on the hub thread, to the worker thread, the only one to use it after.
private final class WorkerSocket: @unchecked Sendable {
    let socket: Socket
    init(_ socket: Socket) { self.socket = socket }
}
