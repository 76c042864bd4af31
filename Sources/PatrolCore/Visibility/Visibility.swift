import Foundation

/// Line of sight on the raster in 2.5D: the ground is flat at height 0 and buildings are prisms of
/// their cell's height.
///
/// The model, shared exactly by the fast algorithms and the brute-force reference:
/// - a *target* is a cell whose centre lies in the sector (range, near distance, field of view); its
///   sight point is its centre at its own height (roof top for building cells, ground otherwise);
/// - a *blocker* is a building cell (height > 0) other than the cell holding the eye; as seen from
///   the eye it spans the angular interval of its square's corners and sits at its centre's distance;
/// - a target is hidden when some blocker nearer than it (by centre distance) spans the target's
///   bearing and rises above the sight line there, that is when the blocker's elevation gradient
///   `(heightM - eye.z) / distanceM` exceeds the target's.
///
/// Cells are returned whether or not they are inside the boundary; callers filter with `SiteGrid.inside`.
public enum Visibility {
    /// Up to this many blockers, each target is tested against the blockers nearer than it; beyond it the
    /// radial sweep wins. Drone and robot frames over the 500-device benchmark's district hold dozens to
    /// over a hundred building cells: 128 took their mean footprint from 6.2 to 2.7 us (12 did best when
    /// the direct test took every arc tangent up front).
    static let directTestLimit = 128

    /// Cells visible from the sector's eye, in increasing index order.
    public static func visibleCells(in grid: SiteGrid, from sector: ViewSector) -> [Int] {
        var cells: [Int] = []
        forEachVisibleCell(in: grid, from: sector) { cells.append($0) }
        cells.sort()
        return cells
    }

    /// Calls `body` once per visible cell, in no particular order.
    ///
    /// Without blockers in range (a drone over open ground) this walks the sector's bounding box and
    /// allocates nothing; with up to `directTestLimit` it tests each target against the blockers nearer
    /// than it; with more it runs a radial sweep: events by increasing distance, a max-segment tree over
    /// the targets' bearings holding the steepest blocker gradient seen so far, so the cost is
    /// O(n log n) in the cells of the sector.
    public static func forEachVisibleCell(in grid: SiteGrid, from sector: ViewSector, _ body: (Int) -> Void) {
        forEachVisibleCell(in: grid, from: sector, directTestLimit: directTestLimit, body)
    }

    static func forEachVisibleCell(in grid: SiteGrid, from sector: ViewSector, directTestLimit: Int,
                                   _ body: (Int) -> Void) {
        guard let window = Window(grid: grid, sector: sector) else { return }
        // Small windows (every camera frame of a simulation) skip the counting pass: room for one blocker
        // per window cell is still only a few kilobytes.
        let windowCells = window.cols.count * window.rows.count
        let capacity = windowCells <= Self.uncountedWindowCells ? windowCells : window.buildingCellCount()
        guard capacity > 0 else {
            window.forEachCandidate { cell, _, _, _ in body(cell) }
            return
        }
        // Scratch space comes from withUnsafeTemporaryAllocation: on the stack when small, so the hot path
        // (thousands of footprints per second) does not go through the allocator.
        withUnsafeTemporaryAllocation(of: Blocker.self, capacity: capacity) { buffer in
            var count = 0
            window.forEachBlocker { blocker in
                buffer.initializeElement(at: count, to: blocker)
                count += 1
            }
            let blockers = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            defer { _ = blockers.deinitialize() }
            if count == 0 {
                window.forEachCandidate { cell, _, _, _ in body(cell) }
            } else if count <= directTestLimit {
                directTest(window: window, blockers: blockers, body)
            } else {
                for index in blockers.indices { blockers[index].computeSpan(cellM: grid.cellM) }
                radialSweep(window: window, blockers: blockers, body)
            }
        }
    }

    /// Windows up to this many cells collect their blockers without counting them first.
    static let uncountedWindowCells = 4096

    /// Each target against the blockers nearer than it, nearest first: `Blocker.hides`, in an order that
    /// leaves out most of its arc tangents. Bearings (five arc tangents per blocker, one per target) are
    /// worked out only for pairs that pass the distance and gradient tests and that `surelyMisses` does
    /// not rule out without trigonometry; the outcome is the same as testing every pair in full.
    private static func directTest(window: Window, blockers unsorted: UnsafeMutableBufferPointer<Blocker>,
                                   _ body: (Int) -> Void) {
        // Sorted through (distance, index) keys: moving the keys is cheaper than moving the blockers.
        withUnsafeTemporaryAllocation(of: (Double, Int).self, capacity: unsorted.count) { keys in
            for index in unsorted.indices { keys.initializeElement(at: index, to: (unsorted[index].distanceM, index)) }
            var sortable = keys
            sortable.sort { $0.0 < $1.0 }
            withUnsafeTemporaryAllocation(of: Blocker.self, capacity: unsorted.count) { blockers in
                for index in keys.indices { blockers.initializeElement(at: index, to: unsorted[keys[index].1]) }
                directTest(window: window, sortedBlockers: blockers, body)
                _ = blockers.deinitialize()
            }
            _ = keys.deinitialize()
        }
    }

    private static func directTest(window: Window, sortedBlockers blockers: UnsafeMutableBufferPointer<Blocker>,
                                   _ body: (Int) -> Void) {
        let grid = window.grid, eye = window.eye
        window.forEachCandidate { cell, dx, dy, distanceM in
            let gradient = Target.gradient(cell: cell, distanceM: distanceM, grid: grid, eye: eye)
            var bearingRad = Double.nan
            for index in blockers.indices {
                let blocker = blockers[index]
                guard blocker.distanceM < distanceM else { break }
                guard blocker.gradient > gradient, !blocker.surelyMisses(dx: dx, dy: dy, distanceM: distanceM) else {
                    continue
                }
                if !blocker.hasSpan { blockers[index].computeSpan(cellM: grid.cellM) }
                if bearingRad.isNaN { bearingRad = atan2(dy, dx) }
                if blockers[index].spans(bearingRad) { return }
            }
            body(cell)
        }
    }

    /// The reference: every cell of the raster checked against every building cell of the raster.
    public static func visibleCellsBruteForce(in grid: SiteGrid, from sector: ViewSector) -> [Int] {
        guard sector.eye.isFinite, sector.rangeM.isFinite else { return [] }
        let shape = SectorShape(sector)
        let eyeCell = grid.cellIndex(containing: sector.eye.ground)
        var blockers: [Blocker] = []
        for cell in 0..<grid.cellCount where grid.buildingHeightM[cell] > 0 && cell != eyeCell {
            blockers.append(Blocker(cell: cell, grid: grid, eye: sector.eye))
        }
        var visible: [Int] = []
        for cell in 0..<grid.cellCount {
            guard let target = Target(cell: cell, grid: grid, eye: sector.eye, shape: shape) else { continue }
            if !blockers.contains(where: { $0.hides(target) }) { visible.append(cell) }
        }
        return visible
    }

    /// The ground a drone camera sees.
    ///
    /// The vertical field of view is `fovDeg * 3 / 4` (a 4:3 sensor). The lower edge of the image meets
    /// the ground at `altitude / tan(pitch + vfov/2)`, the upper edge at `altitude / tan(pitch - vfov/2)`
    /// (the horizon when that angle is not below horizontal), capped at `rangeM`. When the image holds
    /// the nadir the footprint becomes a disc around the drone out to the far distance.
    /// - Parameters:
    ///   - position: the drone; `z` is its altitude above ground, metres.
    ///   - headingDeg: compass bearing the camera faces.
    public static func droneFootprint(in grid: SiteGrid, position: Point3, headingDeg: Double,
                                      camera: CameraSpec) -> [Int] {
        guard let sector = droneSector(position: position, headingDeg: headingDeg, camera: camera) else { return [] }
        return visibleCells(in: grid, from: sector)
    }

    /// The sector behind `droneFootprint`, or nil when the camera sees no ground.
    public static func droneSector(position: Point3, headingDeg: Double, camera: CameraSpec) -> ViewSector? {
        let altitudeM = max(0, position.z)
        let verticalFovDeg = camera.fovDeg * 3 / 4
        let lowerEdgeDeg = camera.pitchDeg + verticalFovDeg / 2
        let upperEdgeDeg = camera.pitchDeg - verticalFovDeg / 2
        let nearM = lowerEdgeDeg >= 90 ? 0 : altitudeM / tan(lowerEdgeDeg * .pi / 180)
        let farM = upperEdgeDeg <= 0 ? camera.rangeM : min(camera.rangeM, altitudeM / tan(upperEdgeDeg * .pi / 180))
        guard farM > nearM, farM.isFinite else { return nil }
        return ViewSector(eye: position, headingDeg: headingDeg, fovDeg: lowerEdgeDeg >= 90 ? 360 : camera.fovDeg,
                          rangeM: farM, nearM: nearM)
    }

    /// A robot's or fixed camera's sector at ground level, with occlusion.
    /// - Parameter eyeHeightM: camera height above ground, metres.
    public static func groundSector(in grid: SiteGrid, position: Point2, eyeHeightM: Double, headingDeg: Double,
                                    fovDeg: Double, rangeM: Double) -> [Int] {
        let sector = ViewSector(eye: Point3(position, z: eyeHeightM), headingDeg: headingDeg, fovDeg: fovDeg,
                                rangeM: rangeM)
        return visibleCells(in: grid, from: sector)
    }

    /// Events by increasing distance (targets before blockers at equal distance, since only strictly
    /// nearer blockers hide); a blocker raises the horizon over the bearings it spans, a target is seen
    /// when the horizon at its bearing does not rise above its own gradient.
    private static func radialSweep(window: Window, blockers: UnsafeMutableBufferPointer<Blocker>,
                                    _ body: (Int) -> Void) {
        let capacity = window.cols.count * window.rows.count
        withUnsafeTemporaryAllocation(of: Target.self, capacity: capacity) { buffer in
            var count = 0
            window.forEachTarget { target in
                buffer.initializeElement(at: count, to: target)
                count += 1
            }
            var targets = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            defer { _ = targets.deinitialize() }
            guard count > 0 else { return }
            targets.sort { $0.bearingRad < $1.bearingRad }
            withUnsafeTemporaryAllocation(of: SweepEvent.self, capacity: count + blockers.count) { events in
                for index in 0..<count {
                    events.initializeElement(at: index, to: SweepEvent(distanceM: targets[index].distanceM,
                                                                       isBlocker: false, index: index))
                }
                for index in 0..<blockers.count {
                    events.initializeElement(at: count + index, to: SweepEvent(distanceM: blockers[index].distanceM,
                                                                               isBlocker: true, index: index))
                }
                // The buffer is a view of the allocation: sorting a copy of it sorts the allocation.
                var sortable = events
                sortable.sort { a, b in
                    a.distanceM != b.distanceM ? a.distanceM < b.distanceM : !a.isBlocker && b.isBlocker
                }
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * count) { marks in
                    marks.initialize(repeating: -.infinity)
                    let horizon = MaxSegmentTree(marks: marks, count: count)
                    for event in events {
                        if event.isBlocker {
                            let blocker = blockers[event.index]
                            // The same three bearing windows as `Blocker.spans`, found by binary search under
                            // the same (monotone) comparisons, so the sweep agrees with the direct test exactly.
                            let (none, up, down) = Blocker.shifts
                            raise(horizon, targets, blocker, shift: none)
                            raise(horizon, targets, blocker, shift: up)
                            raise(horizon, targets, blocker, shift: down)
                        } else if !(horizon.maximum(at: event.index) > targets[event.index].gradient) {
                            body(targets[event.index].cell)
                        }
                    }
                }
                _ = events.deinitialize()
            }
        }
    }

    private static func raise(_ horizon: MaxSegmentTree, _ targets: UnsafeMutableBufferPointer<Target>,
                              _ blocker: Blocker, shift: Double) {
        let first = partition(targets) { $0.bearingRad + shift >= blocker.lowRad }
        let end = partition(targets) { $0.bearingRad + shift > blocker.highRad }
        if first < end { horizon.raise(first..<end, to: blocker.gradient) }
    }

    /// The first index whose element satisfies `predicate`, for a predicate false then true along the buffer.
    private static func partition(_ targets: UnsafeMutableBufferPointer<Target>, _ predicate: (Target) -> Bool) -> Int {
        var low = 0, high = targets.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(targets[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

private struct SweepEvent {
    let distanceM: Double
    let isBlocker: Bool
    let index: Int
}

/// The part of the raster a sector can reach: the bounding box of the sector (eye, far arc ends and the
/// compass points on the far arc), grown by one cell so that blockers straddling its edge are included.
private struct Window {
    let grid: SiteGrid
    let eye: Point3
    let shape: SectorShape
    let eyeCell: Int?
    let cols: ClosedRange<Int>
    let rows: ClosedRange<Int>

    init?(grid: SiteGrid, sector: ViewSector) {
        guard sector.eye.isFinite, sector.rangeM.isFinite, sector.rangeM >= 0, sector.headingDeg.isFinite,
              sector.fovDeg.isFinite, sector.nearM.isFinite else { return nil }
        let eye = sector.eye
        var low = eye.ground, high = eye.ground
        func include(bearingDeg: Double) {
            let point = eye.ground + Heading.unitVector(bearingDeg: bearingDeg) * sector.rangeM
            low = Point2(x: min(low.x, point.x), y: min(low.y, point.y))
            high = Point2(x: max(high.x, point.x), y: max(high.y, point.y))
        }
        if sector.fovDeg < 360 {
            include(bearingDeg: sector.headingDeg - sector.fovDeg / 2)
            include(bearingDeg: sector.headingDeg + sector.fovDeg / 2)
        }
        // The far arc reaches farthest along the compass points it spans.
        var bearing = 0.0
        while bearing < 360 {
            if sector.fovDeg >= 360 || Heading.differenceDeg(bearing, sector.headingDeg) <= sector.fovDeg / 2 {
                include(bearingDeg: bearing)
            }
            bearing += 90
        }
        let margin = grid.cellM
        guard high.x + margin >= grid.origin.x, high.y + margin >= grid.origin.y,
              low.x - margin <= grid.origin.x + Double(grid.width) * grid.cellM,
              low.y - margin <= grid.origin.y + Double(grid.height) * grid.cellM else { return nil }
        func index(_ value: Double, _ limit: Int) -> Int {
            value <= 0 ? 0 : value >= Double(limit) ? limit : Int(value)
        }
        cols = index(((low.x - margin - grid.origin.x) / grid.cellM).rounded(.down), grid.width - 1)
            ... index(((high.x + margin - grid.origin.x) / grid.cellM).rounded(.down), grid.width - 1)
        rows = index(((low.y - margin - grid.origin.y) / grid.cellM).rounded(.down), grid.height - 1)
            ... index(((high.y + margin - grid.origin.y) / grid.cellM).rounded(.down), grid.height - 1)
        self.grid = grid
        self.eye = eye
        shape = SectorShape(sector)
        eyeCell = grid.cellIndex(containing: eye.ground)
    }

    /// Cells of the window inside the sector, with their offset from the eye and distance; no allocation.
    func forEachCandidate(_ body: (_ cell: Int, _ dx: Double, _ dy: Double, _ distanceM: Double) -> Void) {
        let cellM = grid.cellM, originX = grid.origin.x, originY = grid.origin.y
        for row in rows {
            let dy = originY + (Double(row) + 0.5) * cellM - eye.y
            let base = row * grid.width
            for col in cols {
                let dx = originX + (Double(col) + 0.5) * cellM - eye.x
                let distanceM = (dx * dx + dy * dy).squareRoot()
                if shape.contains(dx: dx, dy: dy, distanceM: distanceM) { body(base + col, dx, dy, distanceM) }
            }
        }
    }

    func forEachTarget(_ body: (Target) -> Void) {
        forEachCandidate { cell, dx, dy, distanceM in
            body(Target(cell: cell, dx: dx, dy: dy, distanceM: distanceM, grid: grid, eye: eye))
        }
    }

    /// Building cells nearer than the range and facing the field of view (only those can hide a target).
    func forEachBlocker(_ body: (Blocker) -> Void) {
        let cellM = grid.cellM, originX = grid.origin.x, originY = grid.origin.y
        let halfDiagonalM = cellM * 0.5.squareRoot() * 1.000_001
        for row in rows {
            let base = row * grid.width
            let dy = originY + (Double(row) + 0.5) * cellM - eye.y
            for col in cols {
                let cell = base + col
                guard grid.buildingHeightM[cell] > 0, cell != eyeCell else { continue }
                // The same arithmetic as `Blocker.init`, so the range test agrees with it exactly.
                let dx = originX + (Double(col) + 0.5) * cellM - eye.x
                let distanceM = (dx * dx + dy * dy).squareRoot()
                guard distanceM < shape.rangeM,
                      !shape.misses(dx: dx, dy: dy, distanceM: distanceM, radiusM: halfDiagonalM) else { continue }
                body(Blocker(withoutSpan: cell, dx: dx, dy: dy, distanceM: distanceM, grid: grid, eye: eye))
            }
        }
    }

    /// The number of building cells in the window (an upper bound on the blockers, without trigonometry).
    func buildingCellCount() -> Int {
        var count = 0
        for row in rows {
            let base = row * grid.width
            for col in cols where grid.buildingHeightM[base + col] > 0 && base + col != eyeCell { count += 1 }
        }
        return count
    }
}

/// A cell that may be seen.
private struct Target {
    let cell: Int
    let distanceM: Double
    /// Mathematical angle of the offset from the eye, radians in [-pi, pi].
    let bearingRad: Double
    let gradient: Double

    init(cell: Int, dx: Double, dy: Double, distanceM: Double, grid: SiteGrid, eye: Point3) {
        self.cell = cell
        self.distanceM = distanceM
        bearingRad = atan2(dy, dx)
        gradient = Self.gradient(cell: cell, distanceM: distanceM, grid: grid, eye: eye)
    }

    /// The slope of the sight line to the cell's sight point.
    static func gradient(cell: Int, distanceM: Double, grid: SiteGrid, eye: Point3) -> Double {
        // The eye's own spot is always seen.
        distanceM > 0 ? (Double(grid.buildingHeightM[cell]) - eye.z) / distanceM : .infinity
    }

    /// The cell as a target, or nil outside the sector: the same arithmetic as `Window.forEachCandidate`.
    init?(cell: Int, grid: SiteGrid, eye: Point3, shape: SectorShape) {
        let (col, row) = grid.colRow(of: cell)
        let dy = grid.origin.y + (Double(row) + 0.5) * grid.cellM - eye.y
        let dx = grid.origin.x + (Double(col) + 0.5) * grid.cellM - eye.x
        let distanceM = (dx * dx + dy * dy).squareRoot()
        guard shape.contains(dx: dx, dy: dy, distanceM: distanceM) else { return nil }
        self.init(cell: cell, dx: dx, dy: dy, distanceM: distanceM, grid: grid, eye: eye)
    }
}

/// A building cell that may hide what lies behind it.
private struct Blocker {
    let cell: Int
    /// Offset of the centre from the eye, metres.
    let dx: Double
    let dy: Double
    let distanceM: Double
    let gradient: Double
    /// Unit vector from the eye towards the centre, and the cosine of the angle the square's circumscribed
    /// disc subtends (-1 when the disc holds the eye): `surelyMisses` needs no trigonometry.
    let unitX: Double
    let unitY: Double
    let cosSubtended: Double
    /// The square's bearing interval, radians; may extend beyond [-pi, pi]. Valid once `hasSpan`.
    private(set) var lowRad = 0.0
    private(set) var highRad = 0.0
    private(set) var hasSpan = false

    /// The blocker with its bearing interval.
    init(cell: Int, grid: SiteGrid, eye: Point3) {
        let (col, row) = grid.colRow(of: cell)
        let dy = grid.origin.y + (Double(row) + 0.5) * grid.cellM - eye.y
        let dx = grid.origin.x + (Double(col) + 0.5) * grid.cellM - eye.x
        self.init(withoutSpan: cell, dx: dx, dy: dy, distanceM: (dx * dx + dy * dy).squareRoot(), grid: grid, eye: eye)
        computeSpan(cellM: grid.cellM)
    }

    /// The blocker's distance and gradient only, from its centre's offset from the eye (computed as
    /// `init(cell:grid:eye:)` does): its bearing interval takes five arc tangents, which the direct test
    /// works out only for blockers that pass its cheaper tests.
    init(withoutSpan cell: Int, dx: Double, dy: Double, distanceM: Double, grid: SiteGrid, eye: Point3) {
        self.cell = cell
        self.dx = dx
        self.dy = dy
        self.distanceM = distanceM
        gradient = (Double(grid.buildingHeightM[cell]) - eye.z) / distanceM
        unitX = dx / distanceM
        unitY = dy / distanceM
        let sinSubtended = grid.cellM * 0.5.squareRoot() / distanceM
        cosSubtended = sinSubtended < 1 ? (1 - sinSubtended * sinSubtended).squareRoot() : -1
    }

    mutating func computeSpan(cellM: Double) {
        guard !hasSpan else { return }
        let centerRad = atan2(dy, dx)
        let half = cellM / 2
        var low = 0.0, high = 0.0
        func include(_ cornerX: Double, _ cornerY: Double) {
            // A corner on the eye says nothing about direction; the other three span the square.
            guard cornerX != 0 || cornerY != 0 else { return }
            var delta = atan2(cornerY, cornerX) - centerRad
            if delta > .pi { delta -= 2 * .pi } else if delta < -.pi { delta += 2 * .pi }
            low = min(low, delta)
            high = max(high, delta)
        }
        include(dx - half, dy - half)
        include(dx + half, dy - half)
        include(dx + half, dy + half)
        include(dx - half, dy + half)
        lowRad = centerRad + low
        highRad = centerRad + high
        hasSpan = true
    }

    /// Whether the target offset (`dx`, `dy`, at `distanceM`) lies outside the disc around the square by
    /// more than rounding could account for, so that `spans` is false for its bearing. The margin, 1e-9
    /// of the cosine, is far above the error of the arc tangents behind `spans`.
    func surelyMisses(dx: Double, dy: Double, distanceM: Double) -> Bool {
        dx * unitX + dy * unitY < (cosSubtended - 1e-9) * distanceM
    }

    /// The bearing shifts that bring a bearing in [-pi, pi] onto an interval reaching past +-pi.
    static let shifts = (0.0, 2 * Double.pi, -2 * Double.pi)

    func spans(_ bearingRad: Double) -> Bool {
        let (none, up, down) = Self.shifts
        return (bearingRad + none >= lowRad && bearingRad + none <= highRad)
            || (bearingRad + up >= lowRad && bearingRad + up <= highRad)
            || (bearingRad + down >= lowRad && bearingRad + down <= highRad)
    }

    func hides(_ target: Target) -> Bool {
        distanceM < target.distanceM && gradient > target.gradient && spans(target.bearingRad)
    }
}

/// Range "raise to at least" updates and point maximum queries, O(log n) each, no lazy propagation:
/// an update marks the O(log n) nodes covering its range and a query takes the maximum along the leaf's
/// path to the root.
private struct MaxSegmentTree {
    /// `2 * size` nodes; node 1 is the root, leaves start at `size`. Owned by the caller.
    private let marks: UnsafeMutableBufferPointer<Double>
    private let size: Int

    init(marks: UnsafeMutableBufferPointer<Double>, count: Int) {
        self.marks = marks
        size = count
    }

    func raise(_ range: Range<Int>, to value: Double) {
        var low = range.lowerBound + size, high = range.upperBound + size
        while low < high {
            if low & 1 == 1 {
                marks[low] = max(marks[low], value)
                low += 1
            }
            if high & 1 == 1 {
                high -= 1
                marks[high] = max(marks[high], value)
            }
            low >>= 1
            high >>= 1
        }
    }

    func maximum(at index: Int) -> Double {
        var node = index + size
        var result = -Double.infinity
        while node >= 1 {
            result = max(result, marks[node])
            node >>= 1
        }
        return result
    }
}
