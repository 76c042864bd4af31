/// A simple polygon in the local frame: one exterior ring, without the closing repeat of the first point.
public struct Polygon: Hashable, Sendable, Codable {
    public var points: [Point2]

    public init(points: [Point2]) {
        self.points = points
    }

    /// Signed area by the shoelace formula: positive when counter-clockwise. Square metres.
    public var signedAreaM2: Double {
        guard points.count >= 3 else { return 0 }
        var twiceArea = 0.0
        for index in points.indices {
            let next = points[(index + 1) % points.count]
            twiceArea += Point2.cross(points[index], next)
        }
        return twiceArea / 2
    }

    public var areaM2: Double { abs(signedAreaM2) }

    /// Axis-aligned bounds (min, max).
    public var bounds: (min: Point2, max: Point2) {
        var low = Point2(x: Double.infinity, y: Double.infinity)
        var high = Point2(x: -Double.infinity, y: -Double.infinity)
        for point in points {
            low = Point2(x: min(low.x, point.x), y: min(low.y, point.y))
            high = Point2(x: max(high.x, point.x), y: max(high.y, point.y))
        }
        return (low, high)
    }

    /// Whether `point` lies inside (even-odd rule; points on an edge may go either way).
    public func contains(_ point: Point2) -> Bool {
        var inside = false
        var previous = points.count - 1
        for current in points.indices {
            let a = points[current], b = points[previous]
            if (a.y > point.y) != (b.y > point.y) {
                let crossingX = a.x + (point.y - a.y) / (b.y - a.y) * (b.x - a.x)
                if point.x < crossingX { inside.toggle() }
            }
            previous = current
        }
        return inside
    }
}
