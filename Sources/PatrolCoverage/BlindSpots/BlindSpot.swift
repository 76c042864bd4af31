import PatrolCore

/// A live blind spot: a 4-connected region of patrol cells whose idleness exceeds their revisit target.
public struct BlindSpot: Hashable, Sendable, Codable {
    /// Stable while the region persists: a region keeps the id of the previous region it overlaps most.
    public var id: Int
    public var cellCount: Int
    /// Square metres.
    public var areaM2: Double
    /// The largest cell weight in the region.
    public var weight: Double
    /// The largest idleness in the region, seconds.
    public var worstIdlenessS: Double
    /// The largest idleness / target ratio in the region.
    public var worstRatio: Double
    /// The smallest revisit target in the region (that of its most demanding cells), seconds.
    public var revisitTargetS: Double
    /// Mean of the cell centres, local metres.
    public var centroid: Point2
    /// Bounding rectangle in grid cells.
    public var bounds: CellRectangle

    enum CodingKeys: String, CodingKey {
        case id
        case cellCount = "cell_count"
        case areaM2 = "area_m2"
        case weight
        case worstIdlenessS = "worst_idleness_s"
        case worstRatio = "worst_ratio"
        case revisitTargetS = "revisit_target_s"
        case centroid
        case bounds
    }

    public init(id: Int, cellCount: Int, areaM2: Double, weight: Double, worstIdlenessS: Double, worstRatio: Double,
                revisitTargetS: Double, centroid: Point2, bounds: CellRectangle) {
        self.id = id
        self.cellCount = cellCount
        self.areaM2 = areaM2
        self.weight = weight
        self.worstIdlenessS = worstIdlenessS
        self.worstRatio = worstRatio
        self.revisitTargetS = revisitTargetS
        self.centroid = centroid
        self.bounds = bounds
    }
}
