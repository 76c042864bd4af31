extension Polygon {
    /// The first pair of edges (by index; edge i runs from point i to point i+1) that cross or touch
    /// other than at their shared vertex, or nil when the ring is simple. O(n^2) in the vertex count:
    /// callers bound the count first.
    public var firstSelfIntersection: (Int, Int)? {
        let count = points.count
        guard count >= 4 else { return nil }
        for first in 0..<count {
            let a = points[first], b = points[(first + 1) % count]
            let lowX = min(a.x, b.x), highX = max(a.x, b.x), lowY = min(a.y, b.y), highY = max(a.y, b.y)
            for second in (first + 1)..<count {
                let c = points[second], d = points[(second + 1) % count]
                if max(c.x, d.x) < lowX || min(c.x, d.x) > highX || max(c.y, d.y) < lowY || min(c.y, d.y) > highY {
                    continue
                }
                let adjacent = second == first + 1 || (first == 0 && second == count - 1)
                if adjacent {
                    // Neighbours share a vertex; they are only wrong when they fold back over each other.
                    let shared = second == first + 1 ? b : a
                    let otherA = second == first + 1 ? a : b, otherB = second == first + 1 ? d : c
                    if Self.orientation(otherA, shared, otherB) == 0
                        && Point2.dot(otherA - shared, otherB - shared) > 0 {
                        return (first, second)
                    }
                } else if Self.segmentsIntersect(a, b, c, d) {
                    return (first, second)
                }
            }
        }
        return nil
    }

    /// The sign of the turn a -> b -> c: 1 counter-clockwise, -1 clockwise, 0 collinear.
    static func orientation(_ a: Point2, _ b: Point2, _ c: Point2) -> Int {
        let value = Point2.cross(b - a, c - a)
        return value > 0 ? 1 : value < 0 ? -1 : 0
    }

    /// Whether closed segments ab and cd share a point.
    static func segmentsIntersect(_ a: Point2, _ b: Point2, _ c: Point2, _ d: Point2) -> Bool {
        let o1 = orientation(a, b, c), o2 = orientation(a, b, d)
        let o3 = orientation(c, d, a), o4 = orientation(c, d, b)
        if o1 != o2 && o3 != o4 { return true }
        func onSegment(_ p: Point2, _ q: Point2, _ r: Point2) -> Bool {
            min(p.x, q.x) <= r.x && r.x <= max(p.x, q.x) && min(p.y, q.y) <= r.y && r.y <= max(p.y, q.y)
        }
        return (o1 == 0 && onSegment(a, b, c)) || (o2 == 0 && onSegment(a, b, d))
            || (o3 == 0 && onSegment(c, d, a)) || (o4 == 0 && onSegment(c, d, b))
    }
}
