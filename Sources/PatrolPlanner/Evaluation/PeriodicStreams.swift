/// One target's sightings in time order without sorting them all: the progressions are grouped by
/// period; within a group, the first sightings after the window start, sorted once, repeat every period
/// in the same order, so a small merge over the groups yields the sightings in order.
struct PeriodicStreams {
    private var periods: [Double] = []
    /// Per group, its first sightings after the start, sorted.
    private var firsts: [[Double]] = []
    private var cycle: [Int] = []
    private var index: [Int] = []
    private var pool: [[Double]] = []
    /// The latest sighting at or before the start.
    private(set) var lastAtOrBefore = -Double.infinity
    private var current = 0

    mutating func reset(periods entryPeriods: ArraySlice<Double>, phases: ArraySlice<Double>, after startS: Double) {
        for group in firsts.indices { firsts[group].removeAll(keepingCapacity: true) }
        pool.append(contentsOf: firsts)
        firsts.removeAll(keepingCapacity: true)
        periods.removeAll(keepingCapacity: true)
        lastAtOrBefore = -.infinity
        for (periodS, phaseS) in zip(entryPeriods, phases) {
            // Whole cycles up to the start: the last sighting at or before it, and the first after it.
            let cycles = ((startS - phaseS) / periodS).rounded(.down)
            let before = phaseS + cycles * periodS
            lastAtOrBefore = max(lastAtOrBefore, before)
            let after = before + periodS
            if let group = periods.firstIndex(of: periodS) {
                firsts[group].append(after)
            } else {
                periods.append(periodS)
                var list = pool.popLast() ?? []
                list.append(after)
                firsts.append(list)
            }
        }
        for group in firsts.indices { firsts[group].sort() }
        cycle = [Int](repeating: 0, count: periods.count)
        index = [Int](repeating: 0, count: periods.count)
        choose()
    }

    private func time(_ group: Int) -> Double { firsts[group][index[group]] + Double(cycle[group]) * periods[group] }

    private mutating func choose() {
        current = 0
        for group in 1..<max(1, periods.count) where time(group) < time(current) { current = group }
    }

    /// The next sighting after the previous one (or after the start).
    func next() -> Double { time(current) }

    mutating func advance() {
        index[current] += 1
        if index[current] == firsts[current].count {
            index[current] = 0
            cycle[current] += 1
        }
        choose()
    }
}
