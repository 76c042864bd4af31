import PatrolCore

/// Builds short closed tours over symmetric travel costs.
///
/// Nearest-neighbour construction from a seeded start, then local search with 2-opt and Or-opt moves
/// (segments of up to three places moved, possibly reversed) restricted to neighbour lists and driven by a
/// queue of "don't look" bits, then iterated local search: a local double-bridge kick followed by
/// local search from the kicked places, kept when the tour got shorter. Deterministic for a given seed.
public struct TourOptimizer: Sendable {
    /// How hard to search.
    public struct Options: Hashable, Sendable {
        /// Neighbour list length per place.
        public var neighbourCount: Int
        /// Independent constructions; the shortest result wins.
        public var restarts: Int
        /// Iterated-local-search kicks per restart; nil picks a default that grows with the size.
        public var kicks: Int?
        public var seed: UInt64

        public init(neighbourCount: Int = 10, restarts: Int = 3, kicks: Int? = nil, seed: UInt64 = 1) {
            self.neighbourCount = neighbourCount
            self.restarts = restarts
            self.kicks = kicks
            self.seed = seed
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The shortest tour found over all places of `costs`.
    public func solve<Costs: TravelCosts>(_ costs: Costs) -> Tour {
        let count = costs.count
        guard count > 3 else { return Tour(order: Array(0..<count), costs: costs) }
        let neighbours = costs.neighbourLists(k: min(options.neighbourCount, count - 1))
        var random = SeededRandom(seed: options.seed)
        let kicks = options.kicks ?? defaultKicks(count: count)
        var best: Tour?
        for _ in 0..<max(1, options.restarts) {
            let start = Int(random.next(upperBound: UInt64(count)))
            var search = LocalSearch(costs: costs, neighbours: neighbours,
                                     order: Self.nearestNeighbourOrder(costs, neighbours: neighbours, start: start))
            search.optimiseAll()
            search.iterate(kicks: kicks, random: &random)
            let tour = Tour(order: search.order, costs: costs)
            // The moves keep `search.length` by deltas; a drift from the measured length is a bookkeeping bug.
            // (Infinite costs, as between the parts of a disconnected graph, leave nothing to compare.)
            assert(!tour.length.isFinite || !search.length.isFinite
                   || abs(search.length - tour.length) <= 1e-6 * max(1, tour.length), "tour length bookkeeping drifted")
            if best == nil || tour.length < best!.length - 1e-9 { best = tour }
        }
        return best!
    }

    /// The kicks per restart when `options.kicks` is nil: cheap enough for planning a site's viewpoints.
    public func defaultKicks(count: Int) -> Int {
        min(4000, max(200, 20 * count))
    }

    /// Improves an existing tour by local search only (no kicks); used when replanning must be quick.
    public func improve<Costs: TravelCosts>(_ order: [Int], costs: Costs) -> Tour {
        guard order.count > 3 else { return Tour(order: order, costs: costs) }
        let neighbours = costs.neighbourLists(k: min(options.neighbourCount, costs.count - 1))
        var search = LocalSearch(costs: costs, neighbours: neighbours, order: order)
        search.optimiseAll()
        return Tour(order: search.order, costs: costs)
    }

    /// Nearest unvisited neighbour from the list, falling back to a full scan when the list is exhausted.
    static func nearestNeighbourOrder(_ costs: some TravelCosts, neighbours: [[Int]], start: Int) -> [Int] {
        let count = costs.count
        var visited = [Bool](repeating: false, count: count)
        var order = [start]
        order.reserveCapacity(count)
        visited[start] = true
        var current = start
        while order.count < count {
            var next = neighbours[current].first { !visited[$0] }
            if next == nil {
                var bestCost = Double.infinity
                for j in 0..<count where !visited[j] {
                    let c = costs.cost(current, j)
                    if c < bestCost { bestCost = c; next = j }
                }
            }
            current = next!
            visited[current] = true
            order.append(current)
        }
        return order
    }
}
