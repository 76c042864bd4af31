/// A device battery drained by time (hover, electronics) and by distance (propulsion).
///
/// `enduranceS` is the mission's figure at patrol speed, so the two shares add up to exactly one full
/// battery per `enduranceS` seconds of patrolling; standing still costs only the time share.
public struct Battery: Sendable {
    /// State of charge in [0, 1].
    public private(set) var fraction: Double
    public let enduranceS: Double
    /// Share of the drain that goes on even at rest: drones hover, robots run their computers.
    public let timeShare: Double
    /// Seconds to charge from empty to full on a dock.
    public let fullChargeS: Double

    public init(enduranceS: Double, timeShare: Double, fullChargeS: Double, fraction: Double = 1) {
        self.enduranceS = enduranceS
        self.timeShare = timeShare
        self.fullChargeS = fullChargeS
        self.fraction = fraction
    }

    public var isEmpty: Bool { fraction <= 0 }
    public var isFull: Bool { fraction >= 1 }

    /// Patrol time left at this charge, seconds.
    public var enduranceRemainingS: Double { fraction * enduranceS }

    /// Drains for `dtS` seconds of which `distanceM` metres were travelled at a patrol speed of
    /// `patrolSpeedMPS`; `multiplier` > 1 models a failing battery.
    public mutating func drain(dtS: Double, distanceM: Double, patrolSpeedMPS: Double, multiplier: Double = 1) {
        let timePart = timeShare * dtS
        let distancePart = (1 - timeShare) * distanceM / max(patrolSpeedMPS, 1e-6)
        fraction = max(0, fraction - multiplier * (timePart + distancePart) / enduranceS)
    }

    /// Charges on a dock for `dtS` seconds.
    public mutating func charge(dtS: Double) {
        fraction = min(1, fraction + dtS / fullChargeS)
    }
}
