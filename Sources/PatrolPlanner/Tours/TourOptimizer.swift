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
        let kicks = options.kicks ?? min(4000, max(200, 20 * count))
        var best: Tour?
        for _ in 0..<max(1, options.restarts) {
            let start = Int(random.next(upperBound: UInt64(count)))
            var search = LocalSearch(costs: costs, neighbours: neighbours,
                                     order: Self.nearestNeighbourOrder(costs, neighbours: neighbours, start: start))
            search.optimiseAll()
            search.iterate(kicks: kicks, random: &random)
            let tour = Tour(order: search.order, costs: costs)
            if best == nil || tour.length < best!.length - 1e-9 { best = tour }
        }
        return best!
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

/// The array representation of a tour under local search: `order` and its inverse `position`.
struct LocalSearch<Costs: TravelCosts> {
    let costs: Costs
    let neighbours: [[Int]]
    let count: Int
    private(set) var order: [Int]
    private var position: [Int]
    private var queued: [Bool]
    private var queue: [Int] = []
    private var queueHead = 0
    private var scratch: [Int] = []
    /// Tour length, kept up to date by the moves.
    private(set) var length: Double

    private static var epsilon: Double { 1e-9 }

    init(costs: Costs, neighbours: [[Int]], order: [Int]) {
        self.costs = costs
        self.neighbours = neighbours
        self.order = order
        count = order.count
        position = [Int](repeating: 0, count: costs.count)
        for (index, place) in order.enumerated() { position[place] = index }
        queued = [Bool](repeating: false, count: costs.count)
        length = Tour.length(of: order, costs: costs)
    }

    private func next(_ place: Int) -> Int {
        let p = position[place] + 1
        return order[p == count ? 0 : p]
    }

    private func previous(_ place: Int) -> Int {
        let p = position[place]
        return order[p == 0 ? count - 1 : p - 1]
    }

    private func cost(_ a: Int, _ b: Int) -> Double { costs.cost(a, b) }

    private mutating func push(_ place: Int) {
        if !queued[place] {
            queued[place] = true
            queue.append(place)
        }
    }

    /// Runs local search until no 2-opt or Or-opt move improves the tour.
    mutating func optimiseAll() {
        for place in order { push(place) }
        drain()
    }

    private mutating func drain() {
        while queueHead < queue.count {
            let place = queue[queueHead]
            queueHead += 1
            queued[place] = false
            if twoOpt(place) || orOpt(place) { push(place) }
        }
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
    }

    /// Iterated local search: `kicks` local double-bridge perturbations, each kept when it shortened the tour.
    mutating func iterate(kicks: Int, random: inout SeededRandom) {
        guard count >= 8 else { return }
        let maxSegment = max(1, min(50, count / 4))
        var savedOrder = order
        var savedLength = length
        for _ in 0..<kicks {
            let start = Int(random.next(upperBound: UInt64(count)))
            let first = 1 + Int(random.next(upperBound: UInt64(maxSegment)))
            let second = 1 + Int(random.next(upperBound: UInt64(maxSegment)))
            swapSegments(startPosition: start, firstLength: first, secondLength: second)
            drain()
            if length < savedLength - Self.epsilon {
                savedOrder = order
                savedLength = length
            } else {
                order = savedOrder
                for (index, place) in order.enumerated() { position[place] = index }
                length = savedLength
            }
        }
    }

    /// The double bridge on a cycle: `a | B | C | d` becomes `a | C | B | d`.
    private mutating func swapSegments(startPosition: Int, firstLength: Int, secondLength: Int) {
        let a = order[startPosition]
        let b0 = order[(startPosition + 1) % count]
        let bEnd = order[(startPosition + firstLength) % count]
        let c0 = order[(startPosition + firstLength + 1) % count]
        let cEnd = order[(startPosition + firstLength + secondLength) % count]
        let d = order[(startPosition + firstLength + secondLength + 1) % count]
        length += cost(a, c0) + cost(cEnd, b0) + cost(bEnd, d) - cost(a, b0) - cost(bEnd, c0) - cost(cEnd, d)
        scratch.removeAll(keepingCapacity: true)
        for offset in 0..<secondLength { scratch.append(order[(startPosition + firstLength + 1 + offset) % count]) }
        for offset in 0..<firstLength { scratch.append(order[(startPosition + 1 + offset) % count]) }
        for (offset, place) in scratch.enumerated() {
            let p = (startPosition + 1 + offset) % count
            order[p] = place
            position[place] = p
        }
        for place in [a, b0, bEnd, c0, cEnd, d] { push(place) }
    }

    /// Reverses the path that runs forward from `from` to `to` (or, equivalently, its complement).
    private mutating func reversePath(from: Int, to: Int) {
        var i = position[from], j = position[to]
        var span = (j - i + count) % count + 1
        if 2 * span > count {
            i = (j + 1) % count
            j = (position[from] - 1 + count) % count
            span = count - span
        }
        for _ in 0..<(span / 2) {
            let pi = order[i], pj = order[j]
            order[i] = pj
            position[pj] = i
            order[j] = pi
            position[pi] = j
            i = i + 1 == count ? 0 : i + 1
            j = j == 0 ? count - 1 : j - 1
        }
    }

    /// Tries the 2-opt moves that replace an edge at `a` by an edge to one of its neighbours.
    private mutating func twoOpt(_ a: Int) -> Bool {
        for forward in [true, false] {
            let b = forward ? next(a) : previous(a)
            let ab = cost(a, b)
            for c in neighbours[a] {
                let ac = cost(a, c)
                if ac >= ab - Self.epsilon { break }
                let d = forward ? next(c) : previous(c)
                if c == b || d == a { continue }
                let delta = ac + cost(b, d) - ab - cost(c, d)
                if delta < -Self.epsilon {
                    if forward { reversePath(from: b, to: c) } else { reversePath(from: a, to: d) }
                    length += delta
                    for place in [a, b, c, d] { push(place) }
                    return true
                }
            }
        }
        return false
    }

    /// Tries moving a segment of one to three places that starts or ends at `place` between two neighbours.
    private mutating func orOpt(_ place: Int) -> Bool {
        guard count >= 6 else { return false }
        for segmentLength in 1...3 {
            for forward in [true, false] {
                if segmentLength == 1 && !forward { continue }
                var first = place, last = place
                for _ in 1..<segmentLength {
                    if forward { last = next(last) } else { first = previous(first) }
                }
                if tryMove(first: first, last: last, segmentLength: segmentLength) { return true }
            }
        }
        return false
    }

    private func inSegment(_ place: Int, first: Int, segmentLength: Int) -> Bool {
        (position[place] - position[first] + count) % count < segmentLength
    }

    private mutating func tryMove(first: Int, last: Int, segmentLength: Int) -> Bool {
        let before = previous(first), after = next(last)
        let removal = cost(before, first) + cost(last, after) - cost(before, after)
        if removal <= Self.epsilon { return false }
        for end in [first, last] {
            for c in neighbours[end] {
                if cost(end, c) >= removal { break }
                if inSegment(c, first: first, segmentLength: segmentLength) { continue }
                for (x, y) in [(c, next(c)), (previous(c), c)] {
                    if inSegment(x, first: first, segmentLength: segmentLength)
                        || inSegment(y, first: first, segmentLength: segmentLength) { continue }
                    let xy = cost(x, y)
                    let straight = cost(x, first) + cost(last, y) - xy
                    let reversed = cost(x, last) + cost(first, y) - xy
                    let insertion = min(straight, reversed)
                    if insertion < removal - Self.epsilon {
                        moveSegment(first: first, segmentLength: segmentLength, after: x,
                                    reversed: reversed < straight)
                        length += insertion - removal
                        for p in [first, last, before, after, x, y] { push(p) }
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Moves the segment of `segmentLength` places starting at `first` to just after `after`,
    /// rewriting only the shorter stretch of the array between the two places.
    private mutating func moveSegment(first: Int, segmentLength: Int, after: Int, reversed: Bool) {
        let start = position[first]
        let offsetOfAfter = (position[after] - start + count) % count
        var segment = (0..<segmentLength).map { order[(start + $0) % count] }
        if reversed { segment.reverse() }
        scratch.removeAll(keepingCapacity: true)
        let writeStart: Int
        let forwardCost = offsetOfAfter + 1
        let backwardSpan = count - offsetOfAfter - 1
        if forwardCost <= backwardSpan + segmentLength {
            // [segment][next .. after] becomes [next .. after][segment].
            for offset in segmentLength...offsetOfAfter { scratch.append(order[(start + offset) % count]) }
            scratch.append(contentsOf: segment)
            writeStart = start
        } else {
            // [after's successor .. before][segment] becomes [segment][after's successor .. before].
            scratch.append(contentsOf: segment)
            for offset in 0..<backwardSpan {
                scratch.append(order[(start - backwardSpan + offset + count) % count])
            }
            writeStart = (start - backwardSpan + count) % count
        }
        for (offset, place) in scratch.enumerated() {
            let p = (writeStart + offset) % count
            order[p] = place
            position[place] = p
        }
    }
}
