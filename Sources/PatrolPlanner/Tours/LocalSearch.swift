import PatrolCore

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
    /// While a kick is on trial: every `order` slot written since, with the place it held before, so that a
    /// rejected kick is undone in time proportional to what it changed rather than to the tour size.
    private var journal: [(slot: Int, place: Int)] = []
    private var journaling = false
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

    /// Writes `place` into slot `slot` of `order` (the one place where `order` changes).
    private mutating func put(_ place: Int, at slot: Int) {
        if journaling { journal.append((slot, order[slot])) }
        order[slot] = place
        position[place] = slot
    }

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
        var savedLength = length
        journaling = true
        defer { journaling = false }
        for _ in 0..<kicks {
            journal.removeAll(keepingCapacity: true)
            let start = Int(random.next(upperBound: UInt64(count)))
            let first = 1 + Int(random.next(upperBound: UInt64(maxSegment)))
            let second = 1 + Int(random.next(upperBound: UInt64(maxSegment)))
            swapSegments(startPosition: start, firstLength: first, secondLength: second)
            drain()
            if length < savedLength - Self.epsilon {
                savedLength = length
            } else {
                for entry in journal.reversed() { order[entry.slot] = entry.place }
                // Every place that moved was written somewhere and left a written slot behind, so the
                // journalled slots are exactly where positions need restoring.
                for entry in journal { position[order[entry.slot]] = entry.slot }
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
        for offset in scratch.indices { put(scratch[offset], at: (startPosition + 1 + offset) % count) }
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
            put(pj, at: i)
            put(pi, at: j)
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
        for offset in scratch.indices { put(scratch[offset], at: (writeStart + offset) % count) }
    }
}
