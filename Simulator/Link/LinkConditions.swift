/// What the faults do to one device's link during one step.
public struct LinkConditions: Sendable {
    public var isDown = false
    /// Probabilities in [0, 1] that a message is dropped, sent twice, or held back behind the next one.
    public var dropRate = 0.0
    public var duplicateRate = 0.0
    public var reorderRate = 0.0

    public init(isDown: Bool = false, dropRate: Double = 0, duplicateRate: Double = 0, reorderRate: Double = 0) {
        self.isDown = isDown
        self.dropRate = dropRate
        self.duplicateRate = duplicateRate
        self.reorderRate = reorderRate
    }

    public static let healthy = LinkConditions()
}
