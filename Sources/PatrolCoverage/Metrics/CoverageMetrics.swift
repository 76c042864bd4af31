/// The window metrics of DESIGN.md section 5, accumulated from samples taken over time.
///
/// `avg_idleness_s` and `blind_exposure` are time averages of the samples' weighted mean idleness and
/// blind fraction (each sample holds until the next), `worst_idleness_s` and `worst_ratio` are maxima,
/// `coverage_fraction` is the latest sample's. Samples before `warmUpUntilMS` (one patrol cycle after
/// the start) are ignored.
public struct CoverageMetrics: Hashable, Sendable, Codable {
    public var averageIdlenessS = 0.0
    public var worstIdlenessS = 0.0
    public var worstRatio = 0.0
    public var coverageFraction = 0.0
    public var blindExposure = 0.0
    /// Length of the evaluated window so far, seconds.
    public var windowS = 0.0

    private var warmUpUntilMS: Int64
    private var previous: CoverageSample?
    private var idleIntegral = 0.0
    private var blindIntegral = 0.0

    enum CodingKeys: String, CodingKey {
        case averageIdlenessS = "avg_idleness_s"
        case worstIdlenessS = "worst_idleness_s"
        case worstRatio = "worst_ratio"
        case coverageFraction = "coverage_fraction"
        case blindExposure = "blind_exposure"
        case windowS = "window_s"
        case warmUpUntilMS = "warm_up_until_ms"
    }

    /// - Parameter warmUpUntilMS: samples before this time are ignored.
    public init(warmUpUntilMS: Int64) {
        self.warmUpUntilMS = warmUpUntilMS
    }

    /// Adds a sample; samples must come in time order (older ones are ignored).
    public mutating func add(_ sample: CoverageSample) {
        guard sample.atMS >= warmUpUntilMS else { return }
        if let previous {
            guard sample.atMS > previous.atMS else { return }
            let spanS = Double(sample.atMS - previous.atMS) / 1000
            idleIntegral += previous.averageIdlenessS * spanS
            blindIntegral += previous.blindFraction * spanS
            windowS += spanS
        }
        previous = sample
        worstIdlenessS = max(worstIdlenessS, sample.worstIdlenessS)
        worstRatio = max(worstRatio, sample.worstRatio)
        coverageFraction = sample.coverageFraction
        averageIdlenessS = windowS > 0 ? idleIntegral / windowS : sample.averageIdlenessS
        blindExposure = windowS > 0 ? blindIntegral / windowS : sample.blindFraction
    }
}
