/// An interval of real numbers whose ends may be open or closed, written in error messages the way the proto
/// comments write it: `(0, 100]`, `[0, 360)`.
struct Bounds: Sendable {
    var lower: Double
    var upper: Double
    var lowerOpen: Bool
    var upperOpen: Bool

    /// `[lower, upper]`
    static func closed(_ lower: Double, _ upper: Double) -> Bounds {
        Bounds(lower: lower, upper: upper, lowerOpen: false, upperOpen: false)
    }

    /// `[lower, upper)`
    static func halfOpen(_ lower: Double, _ upper: Double) -> Bounds {
        Bounds(lower: lower, upper: upper, lowerOpen: false, upperOpen: true)
    }

    /// `(lower, upper]`
    static func leftOpen(_ lower: Double, _ upper: Double) -> Bounds {
        Bounds(lower: lower, upper: upper, lowerOpen: true, upperOpen: false)
    }

    /// Compass bearings, `[0, 360)`.
    static let bearing = halfOpen(0, 360)
    /// Fractions and probabilities, `[0, 1]`.
    static let unit = closed(0, 1)
    /// Durations and offsets in seconds.
    static let duration = closed(0, WireLimits.maxDurationS)

    func contains(_ value: Double) -> Bool {
        let aboveLower = lowerOpen ? value > lower : value >= lower
        let belowUpper = upperOpen ? value < upper : value <= upper
        return aboveLower && belowUpper
    }

    var text: String {
        "\(lowerOpen ? "(" : "[")\(Self.format(lower)), \(Self.format(upper))\(upperOpen ? ")" : "]")"
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
