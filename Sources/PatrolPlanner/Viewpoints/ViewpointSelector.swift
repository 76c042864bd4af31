import PatrolCore

/// Chooses where each device kind must pass so its cameras see the patrol cells: a weighted set cover.
///
/// Candidates lie on a lattice (drones: over every cell outside no-fly zones, at the kind's altitude;
/// robots: on the cells they can drive to from their docks), each with a few camera headings unless the
/// camera sees all around. Greedy picks the candidate seeing the most uncovered weight (lazily
/// re-evaluated from a max-heap), then an improvement pass drops every chosen viewpoint whose cells all
/// stay covered by the others, smallest first.
public struct ViewpointSelector: Sendable {
    /// The viewpoints of one device kind and the targets no candidate of that kind sees.
    public struct Cover: Sendable {
        public var kind: DeviceKind
        public var viewpoints: [Viewpoint]
        /// Indices of the targets this kind can see from some candidate.
        public var coverable: [Int]
        /// How many candidates were considered.
        public var candidateCount: Int
        /// Whether the candidate lattice was spread wider than the camera calls for, to keep within
        /// `maxCandidates` (large sites): then some cells may be unseen for want of candidates, not of sight.
        public var latticeThinned = false
    }

    public let grid: SiteGrid
    /// For every grid cell, its patrol-target index or -1.
    private let targetOfCell: [Int32]
    private let weights: [Double]
    private let targetCells: [Int]
    /// Upper bound on candidates per kind, to keep planning time bounded on large sites.
    public var maxCandidates: Int

    public init(grid: SiteGrid, targets: PatrolTargets, maxCandidates: Int = 1500) {
        self.grid = grid
        var map = [Int32](repeating: -1, count: grid.cellCount)
        for (index, cell) in targets.cells.enumerated() { map[cell] = Int32(index) }
        targetOfCell = map
        weights = targets.weights
        targetCells = targets.cells
        self.maxCandidates = maxCandidates
    }

    /// The cover for drones of the given camera, flying at `camera.altitudeM`.
    public func droneCover(camera: CameraSpec) -> Cover {
        guard let sector = Visibility.droneSector(position: Point3(x: 0, y: 0, z: camera.altitudeM), headingDeg: 0,
                                                  camera: camera) else {
            return Cover(kind: .drone, viewpoints: [], coverable: [], candidateCount: 0)
        }
        let headings: [Double?] = sector.fovDeg >= 360 ? [nil] : [0, 90, 180, 270]
        let allowed = (0..<grid.cellCount).map { grid.inside[$0] && !grid.noFly[$0] }
        let spacingM = max(grid.cellM, sector.rangeM * 0.6)
        let (positions, thinned) = widenedLattice(allowed: allowed, spacingM: spacingM, perCandidate: headings.count)
        func candidate(at position: Point2, heading: Double?) -> Viewpoint? {
            let eye = Point3(position, z: camera.altitudeM)
            let seen = targets(in: Visibility.droneFootprint(in: grid, position: eye, headingDeg: heading ?? 0, camera: camera))
            return seen.isEmpty ? nil : Viewpoint(kind: .drone, position: eye, headingDeg: heading, targets: seen)
        }
        var candidates: [Viewpoint] = []
        for position in positions {
            for heading in headings {
                if let viewpoint = candidate(at: position, heading: heading) { candidates.append(viewpoint) }
            }
        }
        candidates += targetedCandidates(existing: candidates, allowed: allowed,
                                         distanceM: (sector.nearM + sector.rangeM) / 2) { position, heading in
            candidate(at: position, heading: sector.fovDeg >= 360 ? nil : heading)
        }
        var result = cover(kind: .drone, candidates: candidates)
        result.latticeThinned = thinned
        return result
    }

    /// The cover for robots of the given camera, driving on the cells in `reachable`.
    public func robotCover(camera: CameraSpec, reachable: [Bool]) -> Cover {
        let headingCount = camera.fovDeg >= 360 ? 1 : min(8, max(2, Int((720 / camera.fovDeg).rounded(.up))))
        let headings: [Double?] = camera.fovDeg >= 360
            ? [nil] : (0..<headingCount).map { Double($0) * 360 / Double(headingCount) }
        let spacingM = max(grid.cellM, camera.rangeM / 3)
        let (positions, thinned) = widenedLattice(allowed: reachable, spacingM: spacingM, perCandidate: headings.count)
        func candidate(at position: Point2, heading: Double?) -> Viewpoint? {
            let cells = Visibility.groundSector(in: grid, position: position, eyeHeightM: camera.altitudeM,
                                                headingDeg: heading ?? 0, fovDeg: min(360, camera.fovDeg),
                                                rangeM: camera.rangeM)
            let seen = targets(in: cells)
            return seen.isEmpty ? nil : Viewpoint(kind: .robot, position: Point3(position, z: 0), headingDeg: heading,
                                                  targets: seen)
        }
        var candidates: [Viewpoint] = []
        for position in positions {
            for heading in headings {
                if let viewpoint = candidate(at: position, heading: heading) { candidates.append(viewpoint) }
            }
        }
        candidates += targetedCandidates(existing: candidates, allowed: reachable, distanceM: camera.rangeM / 2) {
            candidate(at: $0, heading: camera.fovDeg >= 360 ? nil : $1)
        }
        var result = cover(kind: .robot, candidates: candidates)
        result.latticeThinned = thinned
        return result
    }

    /// Cell centres where `allowed`, one per `spacingM` square (the allowed cell nearest the square's
    /// centre), widening the spacing until the candidate count fits `maxCandidates`.
    func lattice(allowed: [Bool], spacingM: Double, perCandidate: Int) -> [Point2] {
        widenedLattice(allowed: allowed, spacingM: spacingM, perCandidate: perCandidate).points
    }

    /// `lattice`, and whether it had to widen the spacing to fit `maxCandidates`.
    func widenedLattice(allowed: [Bool], spacingM: Double, perCandidate: Int) -> (points: [Point2], widened: Bool) {
        let firstStep = max(1, Int((spacingM / grid.cellM).rounded()))
        var step = firstStep
        while true {
            var points: [Point2] = []
            for blockRow in stride(from: 0, to: grid.height, by: step) {
                for blockCol in stride(from: 0, to: grid.width, by: step) {
                    let centreCol = Double(blockCol) + Double(step) / 2, centreRow = Double(blockRow) + Double(step) / 2
                    var best: Int?
                    var bestDistance = Double.infinity
                    for row in blockRow..<min(grid.height, blockRow + step) {
                        for col in blockCol..<min(grid.width, blockCol + step) {
                            let cell = grid.index(col: col, row: row)
                            guard allowed[cell] else { continue }
                            let dc = Double(col) + 0.5 - centreCol, dr = Double(row) + 0.5 - centreRow
                            let distance = dc * dc + dr * dr
                            if distance < bestDistance {
                                bestDistance = distance
                                best = cell
                            }
                        }
                    }
                    if let best { points.append(grid.center(ofCell: best)) }
                }
            }
            if points.count * perCandidate <= maxCandidates || step > max(grid.width, grid.height) {
                return (points, step > firstStep)
            }
            step = Int((Double(step) * 1.3).rounded(.up))
        }
    }

    /// Extra candidates aimed at the targets no lattice candidate sees (site corners, gaps between
    /// obstacles): from the allowed cells `distanceM` away in eight directions, looking at the target.
    /// At most `maxCandidates` of them.
    func targetedCandidates(existing: [Viewpoint], allowed: [Bool], distanceM: Double,
                            _ make: (Point2, Double) -> Viewpoint?) -> [Viewpoint] {
        var seen = [Bool](repeating: false, count: weights.count)
        for viewpoint in existing { for target in viewpoint.targets { seen[target] = true } }
        var extra: [Viewpoint] = []
        for target in seen.indices where !seen[target] && extra.count < maxCandidates {
            let point = grid.center(ofCell: targetCells[target])
            for step in 0..<8 {
                let headingDeg = Double(step) * 45
                // Stand on the opposite side of the target from where the camera looks.
                let position = point - Heading.unitVector(bearingDeg: headingDeg) * distanceM
                guard let cell = grid.cellIndex(containing: position), allowed[cell],
                      let viewpoint = make(grid.center(ofCell: cell), headingDeg) else { continue }
                extra.append(viewpoint)
                for covered in viewpoint.targets { seen[covered] = true }
                if seen[target] { break }
            }
        }
        return extra
    }

    private func targets(in cells: [Int]) -> [Int] {
        var seen: [Int] = []
        for cell in cells where targetOfCell[cell] >= 0 { seen.append(Int(targetOfCell[cell])) }
        seen.sort()
        return seen
    }

    /// Greedy weighted set cover with lazy gains, then removal of redundant viewpoints.
    func cover(kind: DeviceKind, candidates: [Viewpoint]) -> Cover {
        var covered = [Bool](repeating: false, count: weights.count)
        var coverable = [Bool](repeating: false, count: weights.count)
        for candidate in candidates { for target in candidate.targets { coverable[target] = true } }
        var heap = MinHeap()
        for (index, candidate) in candidates.enumerated() {
            heap.push(-candidate.targets.reduce(0) { $0 + weights[$1] }, index)
        }
        var chosen: [Int] = []
        while let (negativeGain, index) = heap.pop() {
            let gain = candidates[index].targets.reduce(0) { covered[$1] ? $0 : $0 + weights[$1] }
            guard gain > 0 else { continue }
            // Gains only shrink: if the refreshed gain still beats the stale one on top, it is the best.
            if gain + 1e-9 < -negativeGain {
                heap.push(-gain, index)
                continue
            }
            chosen.append(index)
            for target in candidates[index].targets { covered[target] = true }
        }
        var coverCount = [Int](repeating: 0, count: weights.count)
        for index in chosen { for target in candidates[index].targets { coverCount[target] += 1 } }
        var kept: [Int] = []
        for index in chosen.sorted(by: { candidates[$0].targets.count < candidates[$1].targets.count || (candidates[$0].targets.count == candidates[$1].targets.count && $0 < $1) }) {
            if candidates[index].targets.allSatisfy({ coverCount[$0] >= 2 }) {
                for target in candidates[index].targets { coverCount[target] -= 1 }
            } else {
                kept.append(index)
            }
        }
        kept.sort()
        return Cover(kind: kind, viewpoints: kept.map { candidates[$0] },
                     coverable: coverable.indices.filter { coverable[$0] }, candidateCount: candidates.count)
    }
}
