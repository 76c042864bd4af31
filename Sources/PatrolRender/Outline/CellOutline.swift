import PatrolCore

/// Traces the outlines of a set of grid cells into merged polygons: one polygon per 4-connected region,
/// with its holes, and only the corners where the outline turns (never one square per cell).
///
/// Every cell edge between a member and a non-member becomes a directed unit edge with the member on its
/// left; following the edges gives counter-clockwise outer rings and clockwise holes. Where two regions
/// touch only at a corner the tracer turns left, hugging its own cell, so diagonal neighbours stay separate.
public struct CellOutline: Sendable {
    /// Columns of the grid.
    public var width: Int
    /// Rows of the grid; row 0 is the southern edge.
    public var height: Int
    /// Cell side, metres.
    public var cellM: Double
    /// The south-west corner of cell (0, 0) in the local frame.
    public var origin: Point2

    public init(width: Int, height: Int, cellM: Double, origin: Point2) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cellM = cellM
        self.origin = origin
    }

    /// The merged polygons of the cells at `cells` (indices `row * width + column`; others are ignored).
    public func polygons(of cells: some Sequence<Int>) -> [OutlinePolygon] {
        var mask = [Bool](repeating: false, count: width * height)
        for cell in cells where cell >= 0 && cell < mask.count { mask[cell] = true }
        return polygons(mask: mask)
    }

    /// The merged polygons of the cells where `mask` is true (`mask.count == width * height`, row-major from
    /// the southern row).
    public func polygons(mask: [Bool]) -> [OutlinePolygon] {
        precondition(mask.count == width * height, "mask has \(mask.count) cells, expected \(width * height)")
        let rings = traceRings(mask: mask)
        var outers: [(ring: [Point2], area: Double, holes: [[Point2]])] = []
        var holes: [[Point2]] = []
        for ring in rings {
            let area = Polygon(points: ring).signedAreaM2
            if area > 0 { outers.append((ring, area, [])) } else { holes.append(ring) }
        }
        let outerBounds = outers.map { Polygon(points: $0.ring).bounds }
        for hole in holes {
            let probe = Self.pointInside(hole: hole, offset: cellM / 4)
            var owner: Int?
            for (index, outer) in outers.enumerated() {
                let bounds = outerBounds[index]
                guard probe.x > bounds.min.x, probe.x < bounds.max.x, probe.y > bounds.min.y, probe.y < bounds.max.y,
                      owner.map({ outer.area < outers[$0].area }) ?? true,
                      Polygon(points: outer.ring).contains(probe) else { continue }
                owner = index
            }
            if let owner { outers[owner].holes.append(hole) }
        }
        return outers.map { OutlinePolygon(exterior: $0.ring, holes: $0.holes) }
    }

    /// A cell of the region a traced polygon outlines: the cell on the inner side of its exterior's first edge.
    /// Lets callers attach per-region figures (counted over their own connected-component labels) to polygons.
    public func memberCell(of polygon: OutlinePolygon) -> Int? {
        guard polygon.exterior.count >= 2 else { return nil }
        let probe = Self.pointInside(hole: polygon.exterior, offset: -cellM / 4)
        let column = Int(((probe.x - origin.x) / cellM).rounded(.down))
        let row = Int(((probe.y - origin.y) / cellM).rounded(.down))
        guard column >= 0, row >= 0, column < width, row < height else { return nil }
        return row * width + column
    }

    // MARK: Tracing

    /// Direction bits of outgoing edges per vertex: east, north, west, south.
    private static let east: UInt8 = 1, north: UInt8 = 2, west: UInt8 = 4, south: UInt8 = 8

    private func traceRings(mask: [Bool]) -> [[Point2]] {
        let vertexColumns = width + 1
        var outgoing = [UInt8](repeating: 0, count: vertexColumns * (height + 1))
        func member(_ column: Int, _ row: Int) -> Bool {
            column >= 0 && row >= 0 && column < width && row < height && mask[row * width + column]
        }
        for row in 0..<height {
            for column in 0..<width where mask[row * width + column] {
                // Counter-clockwise around the cell, member on the left.
                if !member(column, row - 1) { outgoing[row * vertexColumns + column] |= Self.east }
                if !member(column + 1, row) { outgoing[row * vertexColumns + column + 1] |= Self.north }
                if !member(column, row + 1) { outgoing[(row + 1) * vertexColumns + column + 1] |= Self.west }
                if !member(column - 1, row) { outgoing[(row + 1) * vertexColumns + column] |= Self.south }
            }
        }

        var rings: [[Point2]] = []
        for start in outgoing.indices where outgoing[start] != 0 {
            while outgoing[start] != 0 {
                var corners: [(column: Int, row: Int)] = []
                var vertex = start
                let initialDirection = Self.firstDirection(in: outgoing[start])
                var direction = initialDirection
                var previousDirection: UInt8 = 0
                while true {
                    outgoing[vertex] &= ~direction
                    if direction != previousDirection {
                        corners.append((vertex % vertexColumns, vertex / vertexColumns))
                    }
                    previousDirection = direction
                    switch direction {
                    case Self.east: vertex += 1
                    case Self.north: vertex += vertexColumns
                    case Self.west: vertex -= 1
                    default: vertex -= vertexColumns
                    }
                    // A ring may pass its start corner twice (a region touching itself diagonally); it closes
                    // only when the turn rule would take the first edge again.
                    let available = outgoing[vertex] | (vertex == start ? initialDirection : 0)
                    if available == 0 { break }
                    direction = Self.preferredTurn(from: direction, among: available)
                    if vertex == start && direction == initialDirection { break }
                }
                // The start vertex is a corner only if the ring turns there.
                if previousDirection == initialDirection && corners.count > 1 {
                    corners.removeFirst()
                }
                for loop in Self.splitAtRepeatedCorners(corners.map { $0.row * vertexColumns + $0.column }) {
                    rings.append(loop.map { point(column: $0 % vertexColumns, row: $0 / vertexColumns) })
                }
            }
        }
        return rings
    }

    /// Splits a ring that passes a corner twice (a region touching itself diagonally around an enclosed empty
    /// area) into simple loops, so every output ring is simple as GeoJSON requires; the enclosed loop turns
    /// out clockwise and becomes a hole touching the exterior at that one point.
    static func splitAtRepeatedCorners(_ ring: [Int]) -> [[Int]] {
        var loops: [[Int]] = []
        var stack: [Int] = []
        var position: [Int: Int] = [:]
        for vertex in ring {
            if let start = position[vertex] {
                let loop = Array(stack[start...])
                for removed in loop.dropFirst() { position[removed] = nil }
                stack.removeSubrange((start + 1)...)
                loops.append(loop)
            } else {
                position[vertex] = stack.count
                stack.append(vertex)
            }
        }
        if stack.count >= 3 { loops.append(stack) }
        return loops.filter { $0.count >= 3 }
    }

    private static func firstDirection(in bits: UInt8) -> UInt8 {
        for direction in [east, north, west, south] where bits & direction != 0 { return direction }
        return 0
    }

    /// Left turn first (keeps 4-connected regions apart at shared corners), then straight on, then right.
    private static func preferredTurn(from direction: UInt8, among available: UInt8) -> UInt8 {
        let left: UInt8, right: UInt8
        switch direction {
        case east: (left, right) = (north, south)
        case north: (left, right) = (west, east)
        case west: (left, right) = (south, north)
        default: (left, right) = (east, west)
        }
        for candidate in [left, direction, right] where available & candidate != 0 { return candidate }
        return firstDirection(in: available)
    }

    private func point(column: Int, row: Int) -> Point2 {
        Point2(x: origin.x + Double(column) * cellM, y: origin.y + Double(row) * cellM)
    }

    /// A point a little to the right of a ring's first edge (left for a negative offset): for a hole, inside its
    /// empty cells; for an exterior with a negative offset, inside a member cell. Never on a grid line.
    private static func pointInside(hole: [Point2], offset: Double) -> Point2 {
        let a = hole[0], b = hole[1 % hole.count]
        let direction = b - a
        let length = max(direction.length, .leastNonzeroMagnitude)
        let unit = direction * (1 / length)
        let middle = a + unit * (abs(offset) * 2)
        // Right of the direction of travel.
        return Point2(x: middle.x + unit.y * offset, y: middle.y - unit.x * offset)
    }
}
