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
        func blind(_ cell: Int) -> Bool {
            let number = layout.classOfCell[cell]
            guard number != 0, !map.isCoveredByFixedCamera(cell) else { return false }
            let idleS = Double(map.idlenessMS(ofCell: cell, nowMS: nowMS)) / 1000
            return idleS > Double(classes[Int(number) - 1].targetS)
        }

        struct Region {
            var cells = 0
            var weight = 0.0, worstIdleS = 0.0, worstRatio = 0.0, targetS = Double.infinity
            var sumX = 0.0, sumY = 0.0
            var minCol = Int.max, maxCol = Int.min, minRow = Int.max, maxRow = Int.min
            var votes: [Int32: Int] = [:]
        }
        var regions: [Region] = []
        for start in 0..<labels.count {
            guard labels[start] >= 0 else { continue }
            guard blind(start) else {
                labels[start] = 0
                continue
            }
            // New labels are negative until ids are assigned, which tells them from old ones.
            let temporary = -Int32(regions.count + 1)
            var region = Region()
            if labels[start] > 0 { region.votes[labels[start], default: 0] += 1 }
            labels[start] = temporary
            stack.append(Int32(start))
            while let cell32 = stack.popLast() {
                let cell = Int(cell32)
                let col = cell % width, row = cell / width
                let number = Int(layout.classOfCell[cell]) - 1
                let idleS = Double(map.idlenessMS(ofCell: cell, nowMS: nowMS)) / 1000
                region.cells += 1
                region.weight = max(region.weight, Double(classes[number].weight))
                region.worstIdleS = max(region.worstIdleS, idleS)
                region.worstRatio = max(region.worstRatio, idleS / Double(classes[number].targetS))
                region.targetS = min(region.targetS, Double(classes[number].targetS))
                region.sumX += Double(col)
                region.sumY += Double(row)
                region.minCol = min(region.minCol, col)
                region.maxCol = max(region.maxCol, col)
                region.minRow = min(region.minRow, row)
                region.maxRow = max(region.maxRow, row)
                func visit(_ next: Int) {
                    let old = labels[next]
                    guard old >= 0, blind(next) else { return }
                    if old > 0 { region.votes[old, default: 0] += 1 }
                    labels[next] = temporary
                    stack.append(Int32(next))
                }
                if col > 0 { visit(cell - 1) }
                if col + 1 < width { visit(cell + 1) }
                if row > 0 { visit(cell - width) }
                if row + 1 < height { visit(cell + width) }
            }
            regions.append(region)
        }

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
                             weight: region.weight, worstIdlenessS: region.worstIdleS, worstRatio: region.worstRatio,
                             revisitTargetS: region.targetS, centroid: centroid,
                             bounds: CellRectangle(col: region.minCol, row: region.minRow,
                                                   width: region.maxCol - region.minCol + 1,
                                                   height: region.maxRow - region.minRow + 1))
        }
        return blindSpots
    }
}
