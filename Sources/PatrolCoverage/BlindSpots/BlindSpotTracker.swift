import PatrolCore

/// Extracts the live blind spots of a coverage map and keeps their ids stable across updates.
///
/// One pass over the map labels 4-connected regions of blind cells (patrol cells idle beyond their
/// target) with a flood fill. The label grid doubles as the memory of the previous update: while a new
/// region is filled, each cell's old label votes for the id the region inherits, so a region that
/// persists, grows or shrinks keeps its id, and of two regions that merged, the larger keeps its id.
/// Costs one pass over the cells and 4 bytes per cell.
public struct BlindSpotTracker: Sendable {
    /// Per cell: the id of its blind spot after the last update, or 0.
    public private(set) var labels: [Int32]
    public private(set) var blindSpots: [BlindSpot] = []
    private var nextID: Int32 = 1
    private var stack: [Int32] = []

    /// - Parameter cellCount: the map's cell count.
    public init(cellCount: Int) {
        labels = [Int32](repeating: 0, count: cellCount)
    }

    /// Recomputes the blind spots at `nowMS`.
    /// - Returns: the blind spots, largest first (ties by id).
    @discardableResult
    public mutating func update(map: CoverageMap, nowMS: Int64) -> [BlindSpot] {
        precondition(map.cellCount == labels.count, "tracker built for \(labels.count) cells, map has \(map.cellCount)")
        let layout = map.layout
        let width = layout.width, height = layout.height, cellM = layout.cellM
        let classes = layout.classes
        // A cell is blind when idle beyond its target: now - (base + offset) > target, that is when its
        // last-seen offset is below a per-class threshold, one integer comparison per cell.
        let thresholds: [Int64] = [Int64.min] + classes.map {
            nowMS - map.baseMS - Int64((Double($0.targetS) * 1000).rounded(.down))
        }
        let classOfCell = layout.classOfCell
        let records = map.records
        func blind(_ cell: Int) -> Bool {
            let record = records[cell]
            return record.fixedCover == 0 && Int64(record.lastSeenOffsetMS) < thresholds[Int(classOfCell[cell])]
        }

        struct Region {
            var cells = 0
            var weight: Float = 0, worstRatio = 0.0, targetS = Float.infinity
            /// The smallest last-seen offset: the worst idleness.
            var minOffset = UInt32.max
            var sumX = 0.0, sumY = 0.0
            var minCol = Int.max, maxCol = Int.min, minRow = Int.max, maxRow = Int.min
            var votes: [Int32: Int] = [:]
            /// Neighbouring cells mostly share their old label, so votes are counted in a run first.
            var pendingVote: Int32 = 0, pendingCount = 0

            mutating func vote(_ label: Int32) {
                if label == pendingVote {
                    pendingCount += 1
                } else {
                    flushVote()
                    pendingVote = label
                    pendingCount = 1
                }
            }

            mutating func flushVote() {
                if pendingVote > 0 { votes[pendingVote, default: 0] += pendingCount }
                pendingVote = 0
                pendingCount = 0
            }
        }
        var regions: [Region] = []
        let idleBaseMS = nowMS - map.baseMS
        // Moved out of `self` so the fill can use raw buffers without exclusivity checks per access.
        var labelArray: [Int32] = [], stackArray: [Int32] = []
        swap(&labelArray, &labels)
        swap(&stackArray, &stack)
        labelArray.withUnsafeMutableBufferPointer { labels in
            for start in 0..<labels.count {
                guard labels[start] >= 0 else { continue }
                guard blind(start) else {
                    labels[start] = 0
                    continue
                }
                // New labels are negative until ids are assigned, which tells them from old ones.
                let temporary = -Int32(regions.count + 1)
                var region = Region()
                region.vote(labels[start])
                labels[start] = temporary
                stackArray.append(Int32(start))
                while let cell32 = stackArray.popLast() {
                    let cell = Int(cell32)
                    let row = cell / width, col = cell - row * width
                    let cellClass = classes[Int(classOfCell[cell]) - 1]
                    let offset = records[cell].lastSeenOffsetMS
                    region.cells += 1
                    region.weight = max(region.weight, cellClass.weight)
                    region.minOffset = min(region.minOffset, offset)
                    region.worstRatio = max(region.worstRatio,
                                            Double(idleBaseMS - Int64(offset)) / 1000 / Double(cellClass.targetS))
                    region.targetS = min(region.targetS, cellClass.targetS)
                    region.sumX += Double(col)
                    region.sumY += Double(row)
                    region.minCol = min(region.minCol, col)
                    region.maxCol = max(region.maxCol, col)
                    region.minRow = min(region.minRow, row)
                    region.maxRow = max(region.maxRow, row)
                    // A plain loop rather than a nested function: a function capturing `region` and the stack
                    // would box them and check exclusivity at run time on every access.
                    for direction in 0..<4 {
                        let next: Int
                        switch direction {
                        case 0: next = col > 0 ? cell - 1 : -1
                        case 1: next = col + 1 < width ? cell + 1 : -1
                        case 2: next = row > 0 ? cell - width : -1
                        default: next = row + 1 < height ? cell + width : -1
                        }
                        guard next >= 0 else { continue }
                        let old = labels[next]
                        guard old >= 0, blind(next) else { continue }
                        region.vote(old)
                        labels[next] = temporary
                        stackArray.append(Int32(next))
                    }
                }
                region.flushVote()
                regions.append(region)
            }
        }
        swap(&labelArray, &labels)
        swap(&stackArray, &stack)

        // Larger regions choose first, each taking the old id it overlaps most that is still free.
        var order = Array(regions.indices)
        order.sort { regions[$0].cells != regions[$1].cells ? regions[$0].cells > regions[$1].cells : $0 < $1 }
        var taken: Set<Int32> = []
        var idOfRegion = [Int32](repeating: 0, count: regions.count)
        for index in order {
            let candidates = regions[index].votes.filter { !taken.contains($0.key) }
            if let best = candidates.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) {
                idOfRegion[index] = best.key
            } else {
                idOfRegion[index] = nextID
                nextID += 1
            }
            taken.insert(idOfRegion[index])
        }
        for cell in labels.indices where labels[cell] < 0 { labels[cell] = idOfRegion[Int(-labels[cell]) - 1] }

        let origin = layout.grid.origin
        blindSpots = order.map { index in
            let region = regions[index]
            let count = Double(region.cells)
            let centroid = Point2(x: origin.x + (region.sumX / count + 0.5) * cellM,
                                  y: origin.y + (region.sumY / count + 0.5) * cellM)
            return BlindSpot(id: Int(idOfRegion[index]), cellCount: region.cells, areaM2: count * cellM * cellM,
                             weight: Double(region.weight),
                             worstIdlenessS: Double(idleBaseMS - Int64(region.minOffset)) / 1000,
                             worstRatio: region.worstRatio, revisitTargetS: Double(region.targetS), centroid: centroid,
                             bounds: CellRectangle(col: region.minCol, row: region.minRow,
                                                   width: region.maxCol - region.minCol + 1,
                                                   height: region.maxRow - region.minRow + 1))
        }
        return blindSpots
    }
}
