import Dispatch
import PatrolCore

/// Works out, on the second core while the hub handles the step's messages, the ground truth of the camera
/// frames whose cells nothing else in the step needs: each one's visible cells, then every frame's
/// sightings recorded in `GroundTruthCoverage`, in the order the frames were taken.
///
/// A frame's cells are needed at once only for a person count (with a crowd) or when an incident may be in
/// view; those frames come with their cells. Visibility is a pure function of the grid and the sector and
/// a sighting's effect does not depend on the order of sightings within a step, so the record is the same
/// as computing every frame in place, whatever the thread timing.
final class FramePipeline: @unchecked Sendable {
    /// One frame: the device's slot, its sector, and its cells when already known.
    struct Frame: Sendable {
        var device: Int
        var sector: ViewSector
        var cells: [Int]?
    }

    // Written by the simulation thread before `async` and read back after `done.wait()`: the queue and the
    // semaphore order every access, which is why the class can be marked Sendable.
    private var frames: [Frame] = []
    private var coverage: GroundTruthCoverage?
    private var pending = false
    private let done = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "patrolsim.frames")

    /// Starts computing the missing cells of `frames` and recording every frame seen at `nowS` in `coverage`.
    /// The caller hands over `coverage` (`consume`): were it still to hold the same storage, the first
    /// sighting here would copy all of it.
    func start(_ frames: [Frame], grid: SiteGrid, coverage: consuming GroundTruthCoverage, nowS: Double) {
        precondition(!pending, "frames are already being worked out")
        self.frames = frames
        self.coverage = consume coverage
        pending = true
        queue.async { [self] in
            for index in self.frames.indices where self.frames[index].cells == nil {
                var cells: [Int] = []
                DeviceCamera.visibleCells(in: grid, sector: self.frames[index].sector, into: &cells)
                self.frames[index].cells = cells
            }
            for frame in self.frames { self.coverage?.see(cells: frame.cells ?? [], at: nowS) }
            done.signal()
        }
    }

    /// The coverage with the frames recorded and the frames with their cells, waiting for them; nil when
    /// nothing is running.
    func finish() -> (coverage: GroundTruthCoverage, frames: [Frame])? {
        guard pending else { return nil }
        done.wait()
        pending = false
        defer {
            frames = []
            coverage = nil
        }
        guard let coverage else { return nil }
        return (coverage, frames)
    }
}
