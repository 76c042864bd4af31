extension CoverageMap {
    /// A cell's idleness for the wire: whole seconds, capped below `IdlenessRuns.notPatrol`, or
    /// `notPatrol` for a cell that is not a patrol cell now.
    func wireIdleness(cell: Int, nowMS: Int64) -> UInt32 {
        guard isPatrolCell(cell) else { return IdlenessRuns.notPatrol }
        let seconds = idlenessMS(ofCell: cell, nowMS: nowMS) / 1000
        return UInt32(min(seconds, Int64(IdlenessRuns.notPatrol - 1)))
    }

    /// The whole map's idleness at `nowMS`, run-length encoded in row-major order (row 0 south).
    public func idlenessRuns(nowMS: Int64) -> IdlenessRuns {
        var runs = IdlenessRuns()
        for cell in 0..<cellCount { runs.append(wireIdleness(cell: cell, nowMS: nowMS)) }
        return runs
    }

    /// The rectangles of cells changed since `mark` (a `changeMark` read earlier), each with its cells'
    /// idleness at `nowMS`, run-length encoded. Cells outside them only aged by `nowMS` minus the time
    /// of the previous update.
    public func changedRegions(since mark: UInt64, nowMS: Int64) -> [ChangedRegion] {
        changes.changedRectangles(since: mark).map { rectangle in
            var runs = IdlenessRuns()
            for row in rectangle.row..<(rectangle.row + rectangle.height) {
                let base = row * layout.width
                for col in rectangle.col..<(rectangle.col + rectangle.width) {
                    runs.append(wireIdleness(cell: base + col, nowMS: nowMS))
                }
            }
            return ChangedRegion(rectangle: rectangle, runs: runs)
        }
    }
}
