/// Where a run is, for the progress line.
public struct SimulationProgress: Sendable {
    public var simS: Double
    public var durationS: Double
    /// Simulated seconds per wall second so far.
    public var speedUp: Double
    public var coverageFraction: Double
    public var worstRatio: Double
    public var incidentsDetected: Int
    public var incidentsTotal: Int

    /// The status part of the progress line.
    public var status: String {
        let speed = speedUp >= 100 ? String(Int(speedUp.rounded())) : String(format: "%.1f", speedUp)
        return "t=\(Int(simS))s \(speed)x coverage \(String(format: "%.3f", coverageFraction)) "
            + "worst_ratio \(String(format: "%.2f", worstRatio)) incidents \(incidentsDetected)/\(incidentsTotal)"
    }
}
