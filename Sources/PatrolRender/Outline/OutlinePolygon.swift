import PatrolCore

/// A polygon with holes in the local frame (metres): what a connected region of grid cells looks like
/// once its outline is traced.
public struct OutlinePolygon: Hashable, Sendable {
    /// The outer ring, counter-clockwise (interior on the left), without repeating the first point.
    public var exterior: [Point2]
    /// Inner rings, clockwise.
    public var holes: [[Point2]]

    public init(exterior: [Point2], holes: [[Point2]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Area inside the exterior and outside every hole, square metres.
    public var areaM2: Double {
        Polygon(points: exterior).areaM2 - holes.reduce(0) { $0 + Polygon(points: $1).areaM2 }
    }

    /// Every ring, exterior first.
    public var rings: [[Point2]] { [exterior] + holes }
}
