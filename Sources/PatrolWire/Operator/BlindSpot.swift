/// A connected region of patrol cells over their revisit target (`BlindSpot`).
public struct BlindSpot: Hashable, Sendable {
    public var blindSpotID: UInt32
    /// Square metres >= 0.
    public var areaM2: Double
    /// Largest cell weight in the region, >= 1.
    public var weight: Double
    /// Seconds >= 0.
    public var worstIdlenessS: Double
    public var centroid: Vec3
    /// >= 1.
    public var cellCount: UInt32
    /// The region's revisit target, seconds > 0.
    public var revisitS: Double

    public init(blindSpotID: UInt32, areaM2: Double, weight: Double, worstIdlenessS: Double, centroid: Vec3,
                cellCount: UInt32, revisitS: Double) {
        self.blindSpotID = blindSpotID
        self.areaM2 = areaM2
        self.weight = weight
        self.worstIdlenessS = worstIdlenessS
        self.centroid = centroid
        self.cellCount = cellCount
        self.revisitS = revisitS
    }
}

extension BlindSpot: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.number(areaM2, .closed(0, 1e12), path.child("area_m2"))
        try Check.number(weight, .closed(1, 1e6), path.child("weight"))
        try Check.number(worstIdlenessS, .duration, path.child("worst_idleness_s"))
        try centroid.validate(at: path.child("centroid"))
        try Check.integer(cellCount, 1...UInt32.max, path.child("cell_count"))
        try Check.number(revisitS, .leftOpen(0, WireLimits.maxDurationS), path.child("revisit_s"))
    }
}
