/// One target's sightings in time order without sorting them all: the progressions are grouped by
/// period; within a group, the first sightings after the window start, sorted once, repeat every period
/// in the same order, so a small merge over the groups yields the sightings in order.
///
/// An evaluation resets it for every target (or target class), so its storage is allocated once, sized
/// for the largest target, and owned by this one value (noncopyable, freed when it goes). Each group's
/// next sighting is cached, so advancing costs one multiply-add plus a scan of the few groups' times.
struct PeriodicStreams: ~Copyable {
    private let entryCapacity: Int
    private let groupCapacity: Int
    /// The first sightings after the start, grouped (group g at `groupStart[g]..<groupStart[g + 1]`), sorted
    /// within each group.
    private let firsts: UnsafeMutablePointer<Double>
    /// Scratch: each entry's group and first sighting after the start, before grouping.
    private let entryGroup: UnsafeMutablePointer<Int>
    private let entryAfter: UnsafeMutablePointer<Double>
    private let periods: UnsafeMutablePointer<Double>
    private let groupStart: UnsafeMutablePointer<Int>
    private let fill: UnsafeMutablePointer<Int>
    private let position: UnsafeMutablePointer<Int>
    private let cycle: UnsafeMutablePointer<Int>
    /// Per group, the time of its next sighting (`firsts[position] + cycle * period`).
    private let nextTime: UnsafeMutablePointer<Double>
    private var groupCount = 0
    /// The latest sighting at or before the start.
    private(set) var lastAtOrBefore = -Double.infinity
    private var current = 0

    /// - Parameters:
    ///   - maxEntries: the most progressions a reset will be given.
    ///   - maxGroups: the most distinct periods among them.
    init(maxEntries: Int, maxGroups: Int) {
        entryCapacity = max(1, maxEntries)
        groupCapacity = max(1, min(maxGroups, entryCapacity))
        firsts = .allocate(capacity: entryCapacity)
        entryGroup = .allocate(capacity: entryCapacity)
        entryAfter = .allocate(capacity: entryCapacity)
        periods = .allocate(capacity: groupCapacity)
        groupStart = .allocate(capacity: groupCapacity + 1)
        fill = .allocate(capacity: groupCapacity)
        position = .allocate(capacity: groupCapacity)
        cycle = .allocate(capacity: groupCapacity)
        nextTime = .allocate(capacity: groupCapacity)
    }

    deinit {
        firsts.deallocate()
        entryGroup.deallocate()
        entryAfter.deallocate()
        periods.deallocate()
        groupStart.deallocate()
        fill.deallocate()
        position.deallocate()
        cycle.deallocate()
        nextTime.deallocate()
    }

    /// Starts over with progressions `phases[i] + k * entryPeriods[i]` (at most `maxEntries` of them, at least
    /// one), positioned at the first sighting after `startS`.
    mutating func reset(periods entryPeriods: UnsafeBufferPointer<Double>, phases: UnsafeBufferPointer<Double>,
                        after startS: Double) {
        let count = entryPeriods.count
        precondition(count > 0 && count <= entryCapacity && phases.count == count, "1...maxEntries progressions")
        groupCount = 0
        var latest = -Double.infinity
        for entry in 0..<count {
            let periodS = entryPeriods[entry], phaseS = phases[entry]
            // Whole cycles up to the start: the last sighting at or before it, and the first after it.
            let cycles = ((startS - phaseS) / periodS).rounded(.down)
            let before = phaseS + cycles * periodS
            latest = max(latest, before)
            var group = 0
            while group < groupCount && periods[group] != periodS { group += 1 }
            if group == groupCount {
                precondition(groupCount < groupCapacity, "at most maxGroups distinct periods")
                periods[group] = periodS
                groupCount += 1
            }
            entryGroup[entry] = group
            entryAfter[entry] = before + periodS
        }
        lastAtOrBefore = latest
        if groupCount == 1 {
            groupStart[0] = 0
            groupStart[1] = count
            firsts.update(from: entryAfter, count: count)
        } else {
            for group in 0...groupCount { groupStart[group] = 0 }
            for entry in 0..<count { groupStart[entryGroup[entry] + 1] += 1 }
            for group in 0..<groupCount { groupStart[group + 1] += groupStart[group] }
            for group in 0..<groupCount { fill[group] = groupStart[group] }
            for entry in 0..<count {
                let group = entryGroup[entry]
                firsts[fill[group]] = entryAfter[entry]
                fill[group] += 1
            }
        }
        for group in 0..<groupCount {
            let start = groupStart[group]
            Self.sort(UnsafeMutableBufferPointer(start: firsts + start, count: groupStart[group + 1] - start))
            position[group] = start
            cycle[group] = 0
            nextTime[group] = firsts[start]
        }
        choose()
    }

    /// Sorts a stretch of times: insertion sort for the short stretches most targets have (the order of
    /// equal doubles cannot be told apart, so any correct sort gives the same array).
    private static func sort(_ values: consuming UnsafeMutableBufferPointer<Double>) {
        if values.count > 24 {
            values.sort()
            return
        }
        var index = 1
        while index < values.count {
            let value = values[index]
            var hole = index
            while hole > 0 && values[hole - 1] > value {
                values[hole] = values[hole - 1]
                hole -= 1
            }
            values[hole] = value
            index += 1
        }
    }

    /// The group whose next sighting comes first; the lowest group on ties.
    private mutating func choose() {
        var best = nextTime[0]
        current = 0
        var group = 1
        while group < groupCount {
            if nextTime[group] < best {
                best = nextTime[group]
                current = group
            }
            group += 1
        }
    }

    /// The next sighting after the previous one (or after the start).
    func next() -> Double { nextTime[current] }

    mutating func advance() {
        let group = current
        var at = position[group] + 1
        if at == groupStart[group + 1] {
            at = groupStart[group]
            cycle[group] += 1
        }
        position[group] = at
        nextTime[group] = firsts[at] + Double(cycle[group]) * periods[group]
        if groupCount > 1 { choose() }
    }
}
