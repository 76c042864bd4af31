/// A closed tour: the places of a `TravelCosts` in visiting order, returning to the first at the end.
public struct Tour: Hashable, Sendable {
    /// Place indices in visiting order; each place appears once.
    public var order: [Int]
    /// Sum of the costs of the `order.count` legs, including the closing leg.
    public var length: Double

    public init(order: [Int], length: Double) {
        self.order = order
        self.length = length
    }

    /// The tour of `order` with its length measured on `costs`.
    public init(order: [Int], costs: some TravelCosts) {
        self.order = order
        length = Tour.length(of: order, costs: costs)
    }

    /// The length of a closed tour through `order` on `costs`.
    public static func length(of order: [Int], costs: some TravelCosts) -> Double {
        guard order.count > 1 else { return 0 }
        var total = 0.0
        for index in order.indices {
            total += costs.cost(order[index], order[(index + 1) % order.count])
        }
        return total
    }
}
