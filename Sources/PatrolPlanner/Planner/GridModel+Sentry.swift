import PatrolCore

/// Cross patrol by devices that stay near the highest-weight cells: a few devices of a kind kept on short
/// loops of the viewpoints that see them (sentries), while the rest of their kind share the tour.
///
/// Spreading the top cells' viewpoints over two loops (`sharing`) is not enough when the loops are long:
/// on station-forecourt the three drones share one 357 s walk and the robots' laps take 40 minutes, so a
/// lost drone left the entrance unseen for 119 s against its 90 s target, and no robot came by in time.
/// Ground robots posted round the entrance, with the drones overhead, is what an operator would do; the
/// robots' long laps lose little by a device or two fewer.
extension GridModel {
    struct Sentry {
        var device: FleetState.Device
        /// Kind-local viewpoints in loop order.
        var loop: [Int]
    }

    /// The viewpoints of `model`'s kind that a sentry watch covers: the fewest that see every top target the
    /// kind can see (greedy set cover, the lowest index on ties), in the order of a tour search, split into
    /// `parts` loops of about equal length. Empty when the kind sees no top target.
    func sentryLoops(of model: KindModel, parts: Int, seed: UInt64) -> [[Int]] {
        cache.sentryLoops(.init(kind: model.kind, parts: parts, seed: seed)) {
            var isTop = [Bool](repeating: false, count: targets.count)
            for target in topWeightTargets() { isTop[target] = true }
            var isUncovered = [Bool](repeating: false, count: targets.count)
            var uncoveredCount = 0
            for viewpoint in model.viewpoints {
                for target in viewpoint.targets where isTop[target] && !isUncovered[target] {
                    isUncovered[target] = true
                    uncoveredCount += 1
                }
            }
            var cover: [Int] = []
            while uncoveredCount > 0 {
                var best = -1, bestCount = 0
                for (local, viewpoint) in model.viewpoints.enumerated() {
                    let count = viewpoint.targets.reduce(0) { $0 + (isUncovered[$1] ? 1 : 0) }
                    if count > bestCount { (best, bestCount) = (local, count) }
                }
                guard best >= 0 else { break }
                cover.append(best)
                for target in model.viewpoints[best].targets where isUncovered[target] {
                    isUncovered[target] = false
                    uncoveredCount -= 1
                }
            }
            guard !cover.isEmpty else { return [] }
            let tour = Self.improvedChunk(cover, costs: model.distancesM, seed: seed)
            // More watches than stops would leave some empty (`splitTour` gives one stop each).
            guard parts > 1, tour.count > parts else { return parts == 1 ? [tour] : [] }
            return Self.splitTour(tour, parts: parts, costs: model.distancesM)
                .map { Self.improvedChunk($0, costs: model.distancesM, seed: seed) }
        }
    }

    /// `assignment` with `count` of its devices taken out to run the sentry loops: those named in
    /// `keepingIDs` first, then the ones nearest the loops in straight-line time; loops go to them by least
    /// total lead-in. Nil when fewer than one device would stay on the tour or the kind sees no top target.
    func withSentries(_ assignment: KindAssignment, count: Int, keepingIDs: [String] = [],
                      options: PlannerOptions) -> KindAssignment? {
        let model = assignment.model
        guard count >= 1, assignment.devices.count > count else { return nil }
        let watches = sentryLoops(of: model, parts: count, seed: options.seed)
        guard !watches.isEmpty else { return nil }
        func leadInS(_ device: FleetState.Device) -> Double {
            watches.map { Self.distance(from: device.position, to: $0, model: model) }.min()!
                / max(device.device.speedMPS, 1e-9)
        }
        let kept = assignment.devices.indices.filter { keepingIDs.contains(assignment.devices[$0].device.id) }
        let others = assignment.devices.indices.filter { !kept.contains($0) }.sorted {
            (leadInS(assignment.devices[$0]), $0) < (leadInS(assignment.devices[$1]), $1)
        }
        let chosen = Array((kept + others).prefix(watches.count))
        let posted = chosen.map { assignment.devices[$0] }
        var result = assignment
        result.sentries = []
        for (loopIndex, deviceIndex) in Self.devicesForLoops(watches, devices: posted, model: model).enumerated() {
            if let deviceIndex { result.sentries.append(Sentry(device: posted[deviceIndex], loop: watches[loopIndex])) }
        }
        result.devices = assignment.devices.indices.filter { !chosen.contains($0) }.map { assignment.devices[$0] }
        if result.devices.count < 2 { result.strategy = .cyclic }
        result.chunks = result.strategy == .partition ? loops(of: model, parts: result.devices.count, options: options) : []
        return result
    }
}
