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
    ///
    /// The same values as `wireIdleness`, read straight from the cell records: the hub encodes the changed
    /// rectangles twice a second, and drone footprints make them large.
    public func changedRegions(since mark: UInt64, nowMS: Int64) -> [ChangedRegion] {
        let rectangles = changes.changedRectangles(since: mark)
        guard !rectangles.isEmpty else { return [] }
        let width = layout.width, baseMS = baseMS, notPatrol = IdlenessRuns.notPatrol
        let capS = Int64(IdlenessRuns.notPatrol - 1)
        return layout.classOfCell.withUnsafeBufferPointer { classOf in
            records.withUnsafeBufferPointer { records in
                rectangles.map { rectangle in
                    var lengths: [UInt32] = [], values: [UInt32] = []
                    var value: UInt32 = 0, length: UInt32 = 0
                    for row in rectangle.row..<(rectangle.row + rectangle.height) {
                        let base = row * width
                        for cell in (base + rectangle.col)..<(base + rectangle.col + rectangle.width) {
                            let record = records[cell]
                            let cellValue: UInt32
                            if classOf[cell] == 0 || record.fixedCover > 0 {
                                cellValue = notPatrol
                            } else {
                                let idleMS = max(0, nowMS - (baseMS + Int64(record.lastSeenOffsetMS)))
                                cellValue = UInt32(min(idleMS / 1000, capS))
                            }
                            if length > 0, cellValue == value, length < UInt32.max {
                                length += 1
                            } else {
                                if length > 0 {
                                    lengths.append(length)
                                    values.append(value)
                                }
                                value = cellValue
                                length = 1
                            }
                        }
                    }
                    if length > 0 {
                        lengths.append(length)
                        values.append(value)
                    }
                    return ChangedRegion(rectangle: rectangle, runs: IdlenessRuns(lengths: lengths, valuesS: values))
                }
            }
        }
    }
}
