/// Changes of the live map (`CoverageEvent`).
public struct CoverageEvent: Hashable, Sendable {
    /// At most `WireLimits.maxListCount`.
    public var regions: [CoverageRegion]
    public var metrics: PatrolMetrics
    public var blindSpotCount: UInt32

    public init(regions: [CoverageRegion], metrics: PatrolMetrics, blindSpotCount: UInt32) {
        self.regions = regions
        self.metrics = metrics
        self.blindSpotCount = blindSpotCount
    }
}

extension CoverageEvent: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.count(regions.count, max: WireLimits.maxListCount, path.child("regions"))
        for (index, region) in regions.enumerated() {
            try region.validate(at: path.child("regions").index(index))
        }
        try metrics.validate(at: path.child("metrics"))
    }
}
