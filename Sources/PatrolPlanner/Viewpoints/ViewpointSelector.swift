import Foundation
import PatrolCore

/// Chooses where each device kind must pass so its cameras see the patrol cells: a weighted set cover.
///
/// Candidates lie on a lattice at the spacing the camera calls for (drones: over every cell outside no-fly
/// zones, at the kind's altitude; robots: on the cells they can drive to from their docks), each with a few
/// camera headings unless the camera sees all around. The lattice is spread wider only when the site is
/// too large for the kind (see `Thinning`). Greedy picks the candidate seeing the most uncovered weight
/// (lazily re-evaluated from a max-heap), then an improvement pass drops every chosen viewpoint whose cells
/// all stay covered by the others, smallest first.
public struct ViewpointSelector: Sendable {
    /// The viewpoints of one device kind and the targets no candidate of that kind sees.
    public struct Cover: Sendable {
        public var kind: DeviceKind
        public var viewpoints: [Viewpoint]
        /// Indices of the targets this kind can see from some candidate.
        public var coverable: [Int]
        /// How many candidates were considered.
        public var candidateCount: Int
        /// Why the candidate lattice was spread wider than the camera calls for, nil when it was not: then
        /// some cells may be unseen for want of candidates, not of sight.
        public var thinning: Thinning?
    }

    /// Why a kind's candidate lattice was spread wider than its camera calls for.
    public enum Thinning: Sendable, Hashable {
        /// The camera would need about `footprints` footprints to cover the patrol area, more than the
        /// `maxViewpoints` a kind's cover may have: the kind cannot cover this site alone, and its lattice
        /// was spread to `maxViewpoints / 2` candidates (plus as many aimed ones) so its cover stays within
        /// `maxViewpoints`.
        case coverOutOfReach(footprints: Int, maxViewpoints: Int)
        /// The lattice at the camera's spacing holds more than `maxCandidates` candidates.
        case candidateCap(maxCandidates: Int)
    }

    public let grid: SiteGrid
    /// For every grid cell, its patrol-target index or -1.
    private let targetOfCell: [Int32]
    private let weights: [Double]
    private let targetCells: [Int]
    /// Upper bound on the lattice candidates per kind, and separately on the aimed ones: bounds the time
    /// spent on candidates on large sites.
    public var maxCandidates: Int
    /// Upper bound on a kind's cover, as estimated before selection from the patrol area over the camera's
    /// footprint: the kind's distance matrix and tours grow with its square.
    public var maxViewpoints: Int

    public init(grid: SiteGrid, targets: PatrolTargets, maxCandidates: Int = 100_000, maxViewpoints: Int = 3000) {
        self.grid = grid
        var map = [Int32](repeating: -1, count: grid.cellCount)
        for (index, cell) in targets.cells.enumerated() { map[cell] = Int32(index) }
        targetOfCell = map
        weights = targets.weights
        targetCells = targets.cells
        self.maxCandidates = maxCandidates
        self.maxViewpoints = maxViewpoints
    }

    /// The number of patrol targets.
    var targetCount: Int { weights.count }

    /// How many candidates a kind may have and why it would be thinned: its camera's needs
    /// (`footprintM2`, the area one view sees before occlusion) against `maxViewpoints`, then `maxCandidates`.
    struct Budget {
        var lattice: Int
        var aimed: Int
        /// The thinning to report if the lattice has to be spread to fit `lattice`.
        var thinning: Thinning
    }

    func budget(footprintM2: Double) -> Budget {
        let patrolM2 = Double(weights.count) * grid.cellM * grid.cellM
        let footprints = footprintM2 > 0 ? patrolM2 / footprintM2 : .infinity
        if footprints > Double(maxViewpoints) {
            let half = min(maxCandidates, max(1, maxViewpoints / 2))
            return Budget(lattice: half, aimed: half,
                          thinning: .coverOutOfReach(footprints: footprints.isFinite ? Int(footprints.rounded()) : Int.max,
                                                     maxViewpoints: maxViewpoints))
        }
        return Budget(lattice: maxCandidates, aimed: maxCandidates, thinning: .candidateCap(maxCandidates: maxCandidates))
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
        let footprintM2 = min(360, sector.fovDeg) / 360 * .pi * (sector.rangeM * sector.rangeM - sector.nearM * sector.nearM)
        let budget = budget(footprintM2: footprintM2)
        let (positions, thinned) = widenedLattice(allowed: allowed, spacingM: spacingM, perCandidate: headings.count,
                                                  budget: budget.lattice)
        var candidates = latticeCandidates(kind: .drone, positions: positions, eyeHeightM: camera.altitudeM,
                                           sector: sector, headings: headings)
        candidates += targetedCandidates(existing: candidates, allowed: allowed, distanceM: (sector.nearM + sector.rangeM) / 2,
                                         budget: budget.aimed) { position, heading in
            let eye = Point3(position, z: camera.altitudeM)
            let aimed: Double? = sector.fovDeg >= 360 ? nil : heading
            let seen = targets(in: Visibility.droneFootprint(in: grid, position: eye, headingDeg: aimed ?? 0, camera: camera))
            return seen.isEmpty ? nil : Viewpoint(kind: .drone, position: eye, headingDeg: aimed, targets: seen)
        }
        var result = cover(kind: .drone, candidates: candidates)
        result.thinning = thinned ? budget.thinning : nil
        return result
    }

    /// The cover for robots of the given camera, driving on the cells in `reachable`.
    public func robotCover(camera: CameraSpec, reachable: [Bool]) -> Cover {
        let headingCount = camera.fovDeg >= 360 ? 1 : min(8, max(2, Int((720 / camera.fovDeg).rounded(.up))))
        let headings: [Double?] = camera.fovDeg >= 360
            ? [nil] : (0..<headingCount).map { Double($0) * 360 / Double(headingCount) }
        let spacingM = max(grid.cellM, camera.rangeM / 3)
        let fovDeg = min(360, camera.fovDeg)
        let sector = ViewSector(eye: Point3(x: 0, y: 0, z: camera.altitudeM), headingDeg: 0, fovDeg: fovDeg,
                                rangeM: camera.rangeM)
        let budget = budget(footprintM2: fovDeg / 360 * .pi * camera.rangeM * camera.rangeM)
        let (positions, thinned) = widenedLattice(allowed: reachable, spacingM: spacingM, perCandidate: headings.count,
                                                  budget: budget.lattice)
        var candidates = latticeCandidates(kind: .robot, positions: positions, eyeHeightM: camera.altitudeM,
                                           sector: sector, headings: headings)
        candidates += targetedCandidates(existing: candidates, allowed: reachable, distanceM: camera.rangeM / 2,
                                         budget: budget.aimed) { position, heading in
            let aimed: Double? = camera.fovDeg >= 360 ? nil : heading
            let cells = Visibility.groundSector(in: grid, position: position, eyeHeightM: camera.altitudeM,
                                                headingDeg: aimed ?? 0, fovDeg: fovDeg, rangeM: camera.rangeM)
            let seen = targets(in: cells)
            return seen.isEmpty ? nil : Viewpoint(kind: .robot, position: Point3(position, z: 0), headingDeg: aimed,
                                                  targets: seen)
        }
        var result = cover(kind: .robot, candidates: candidates)
        result.thinning = thinned ? budget.thinning : nil
        return result
    }

    /// The candidates at `positions`, one per heading that sees some target, in position then heading order.
    ///
    /// Occlusion does not depend on the heading (a blocker outside a sector's field of view hides nothing in
    /// it), so each position's view all around (`sector` widened to 360 degrees) is computed once and shared
    /// out to the headings with the same sector test the visibility code applies: the same cells as one
    /// `Visibility` query per heading, for a fraction of the work. Positions are split over threads.
    func latticeCandidates(kind: DeviceKind, positions: [Point2], eyeHeightM: Double, sector: ViewSector,
                           headings: [Double?]) -> [Viewpoint] {
        let fullCircle = sector.fovDeg >= 360
        // The sector test of `SectorShape.contains` for each heading: the axis and cos(fov / 2).
        let axes = headings.map { Heading.unitVector(bearingDeg: $0 ?? 0) }
        let cosHalfFov = cos(min(sector.fovDeg, 360) / 2 * .pi / 180)
        let cellM = grid.cellM, originX = grid.origin.x, originY = grid.origin.y, width = grid.width
        return PathFinder.parallelMap(count: positions.count) { range in
            var result: [Viewpoint] = []
            var seenByHeading = [[Int]](repeating: [], count: headings.count)
            for position in positions[range] {
                let eye = Point3(position, z: eyeHeightM)
                let around = ViewSector(eye: eye, headingDeg: 0, fovDeg: 360, rangeM: sector.rangeM, nearM: sector.nearM)
                for index in seenByHeading.indices { seenByHeading[index].removeAll(keepingCapacity: true) }
                Visibility.forEachVisibleCell(in: grid, from: around) { cell in
                    let target = targetOfCell[cell]
                    guard target >= 0 else { return }
                    if fullCircle {
                        seenByHeading[0].append(Int(target))
                        return
                    }
                    // The same arithmetic as the visibility window, so cells on a sector's edge agree.
                    let col = cell % width, row = cell / width
                    let dy = originY + (Double(row) + 0.5) * cellM - eye.y
                    let dx = originX + (Double(col) + 0.5) * cellM - eye.x
                    let distanceM = (dx * dx + dy * dy).squareRoot()
                    for (index, axis) in axes.enumerated()
                    where distanceM == 0 || dx * axis.x + dy * axis.y >= distanceM * cosHalfFov {
                        seenByHeading[index].append(Int(target))
                    }
                }
                for (index, heading) in headings.enumerated() where !seenByHeading[index].isEmpty {
                    result.append(Viewpoint(kind: kind, position: kind == .drone ? eye : Point3(position, z: 0),
                                            headingDeg: heading, targets: seenByHeading[index].sorted()))
                }
            }
            return result
        }
    }

    /// Cell centres where `allowed`, one per `spacingM` square (the allowed cell nearest the square's
    /// centre), widening the spacing until the candidate count fits `budget`.
    func lattice(allowed: [Bool], spacingM: Double, perCandidate: Int, budget: Int) -> [Point2] {
        widenedLattice(allowed: allowed, spacingM: spacingM, perCandidate: perCandidate, budget: budget).points
    }

    /// `lattice`, and whether it had to widen the spacing to fit `budget`.
    func widenedLattice(allowed: [Bool], spacingM: Double, perCandidate: Int,
                        budget: Int) -> (points: [Point2], widened: Bool) {
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
            if points.count * perCandidate <= budget || step > max(grid.width, grid.height) {
                return (points, step > firstStep)
            }
            step = Int((Double(step) * 1.3).rounded(.up))
        }
    }

    /// Extra candidates aimed at the targets no lattice candidate sees (site corners, gaps between
    /// obstacles): from the allowed cells `distanceM` away in eight directions, looking at the target.
    /// At most `budget` of them.
    func targetedCandidates(existing: [Viewpoint], allowed: [Bool], distanceM: Double, budget: Int,
                            _ make: (Point2, Double) -> Viewpoint?) -> [Viewpoint] {
        var seen = [Bool](repeating: false, count: weights.count)
        for viewpoint in existing { for target in viewpoint.targets { seen[target] = true } }
        var extra: [Viewpoint] = []
        for target in seen.indices where !seen[target] && extra.count < budget {
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
    ///
    /// The candidates' targets are copied once into one flat array (offsets per candidate): the gains are
    /// re-evaluated hundreds of thousands of times on large sites, and walking one buffer is several times
    /// faster than walking each viewpoint's own array.
    func cover(kind: DeviceKind, candidates: [Viewpoint]) -> Cover {
        var offsets = [Int](repeating: 0, count: candidates.count + 1)
        for (index, candidate) in candidates.enumerated() { offsets[index + 1] = offsets[index] + candidate.targets.count }
        var flat = [Int32]()
        flat.reserveCapacity(offsets[candidates.count])
        for candidate in candidates { for target in candidate.targets { flat.append(Int32(target)) } }
        var covered = [Bool](repeating: false, count: weights.count)
        var coverable = [Bool](repeating: false, count: weights.count)
        var chosen: [Int] = []
        var kept: [Int] = []
        flat.withUnsafeBufferPointer { flat in
            weights.withUnsafeBufferPointer { weights in
                for target in flat { coverable[Int(target)] = true }
                var heap = MinHeap()
                for index in candidates.indices {
                    var gain = 0.0
                    for position in offsets[index]..<offsets[index + 1] { gain += weights[Int(flat[position])] }
                    heap.push(-gain, index)
                }
                covered.withUnsafeMutableBufferPointer { covered in
                    while let (negativeGain, index) = heap.pop() {
                        var gain = 0.0
                        for position in offsets[index]..<offsets[index + 1] where !covered[Int(flat[position])] {
                            gain += weights[Int(flat[position])]
                        }
                        guard gain > 0 else { continue }
                        // Gains only shrink: if the refreshed gain still beats the stale one on top, it is the best.
                        if gain + 1e-9 < -negativeGain {
                            heap.push(-gain, index)
                            continue
                        }
                        chosen.append(index)
                        for position in offsets[index]..<offsets[index + 1] { covered[Int(flat[position])] = true }
                    }
                }
                var coverCount = [Int32](repeating: 0, count: weights.count)
                for index in chosen {
                    for position in offsets[index]..<offsets[index + 1] { coverCount[Int(flat[position])] += 1 }
                }
                func size(_ index: Int) -> Int { offsets[index + 1] - offsets[index] }
                for index in chosen.sorted(by: { size($0) < size($1) || (size($0) == size($1) && $0 < $1) }) {
                    let span = offsets[index]..<offsets[index + 1]
                    if span.allSatisfy({ coverCount[Int(flat[$0])] >= 2 }) {
                        for position in span { coverCount[Int(flat[position])] -= 1 }
                    } else {
                        kept.append(index)
                    }
                }
            }
        }
        kept.sort()
        return Cover(kind: kind, viewpoints: kept.map { candidates[$0] },
                     coverable: coverable.indices.filter { coverable[$0] }, candidateCount: candidates.count)
    }
}
