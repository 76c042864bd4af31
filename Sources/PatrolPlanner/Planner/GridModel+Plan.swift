import PatrolCore

/// Allocation: per kind, the cyclic strategy against tour splitting, hotspot repeats, charging stops,
/// chosen by exact evaluation.
extension GridModel {
    /// Devices of one kind and how their tour is shared.
    struct KindAssignment {
        var model: KindModel
        var devices: [FleetState.Device]
        var strategy: Plan.Strategy
        /// Viewpoints visited `copies` times per cycle (hotspots), the others once.
        var hot: Set<Int> = []
        var copies = 1
        /// For the partition strategy: the tour split into one improved loop per device.
        var chunks: [[Int]] = []
        /// On a replan, the routes the devices were following, by device id: a new loop is run in the
        /// direction its device was already going.
        var previousRoutes: [String: PlannedRoute] = [:]
        /// On a replan where the hub knows the map: per kind-local viewpoint, the largest idleness over its
        /// targets as a share of their revisit target (`stalestFirst` runs a loop the way that reaches its
        /// stalest stops soonest).
        var viewpointStaleness: [(idlenessS: Double, targetS: Double)] = []
        /// Cross patrol: the devices of this kind kept on loops round the top cells (not in `devices`).
        var sentries: [Sentry] = []

        /// How often the kind comes round its tour at best: its length at the slowest device's speed, shared
        /// by all of its devices. Seconds.
        var cadenceS: Double {
            let speedMPS = devices.map(\.device.speedMPS).min() ?? 1
            return model.tour.length / max(speedMPS, 1e-9) / Double(max(1, devices.count))
        }
    }

    func plan(devices: [FleetState.Device], policy: Policy, options: PlannerOptions, previous: Plan? = nil,
              cellIdlenessS: [Double]? = nil) -> Plan {
        var notes: [String] = []
        var working: [FleetState.Device] = []
        for device in devices where device.available {
            if device.batteryFraction <= policy.batteryReserveFraction + 0.05 {
                notes.append("\(device.device.id): battery \(Int((device.batteryFraction * 100).rounded())) % is at its reserve; sent to charge at \(device.device.dockID)")
            } else {
                working.append(device)
            }
        }
        var skeleton = Plan(routes: [], metrics: PlanMetrics(avgIdlenessS: 0, worstIdlenessS: 0, worstRatio: 0,
                                                             coverageFraction: 0, blindExposure: 0),
                            viewpoints: viewpoints, targets: targets, unreachable: unreachable)
        skeleton.targetClasses = targetClasses
        var assignments: [KindAssignment] = []
        for model in kinds {
            let ofKind = working.filter { $0.device.kind == model.kind }
            guard !ofKind.isEmpty else { continue }
            guard !model.viewpoints.isEmpty else {
                notes.append("no \(model.kind.rawValue) viewpoint sees any patrol cell; \(ofKind.map(\.device.id).joined(separator: ", ")) stay docked")
                continue
            }
            let kept = previous?.strategies[model.kind]
            var assignment = KindAssignment(model: model, devices: ofKind, strategy: kept ?? .cyclic)
            // A replan keeps the kind's sentries (as many as there are devices to spare, the same ones while they
            // can patrol): searching them again would take longer than a replan may.
            if policy.crossPatrol, let wanted = previous?.sentryWatches[model.kind],
               let posted = withSentries(assignment, count: min(wanted, ofKind.count - 1),
                                         keepingIDs: previous?.sentries[model.kind] ?? [], options: options) {
                assignment = posted
            } else {
                if kept == .partition && ofKind.count < 2 { assignment.strategy = .cyclic }
                assignment.chunks = ofKind.count > 1 && kept != .cyclic
                    ? loops(of: model, parts: ofKind.count, options: options) : []
            }
            if let previous {
                assignment.hot = Set((previous.hotViewpoints[model.kind] ?? []).map { $0 - model.firstViewpoint })
                assignment.copies = previous.hotVisitsPerCycle[model.kind] ?? 1
                for route in previous.routes where route.kind == model.kind { assignment.previousRoutes[route.deviceID] = route }
                if let cellIdlenessS, cellIdlenessS.count == grid.cellCount {
                    assignment.viewpointStaleness = model.viewpoints.map { viewpoint in
                        var worst = (idlenessS: 0.0, targetS: Double.infinity)
                        for target in viewpoint.targets {
                            let idlenessS = cellIdlenessS[targets.cells[target]], targetS = targets.revisitTargetsS[target]
                            if idlenessS / targetS > worst.idlenessS / worst.targetS { worst = (idlenessS, targetS) }
                        }
                        return worst
                    }
                }
            }
            assignments.append(assignment)
        }
        guard !assignments.isEmpty else {
            skeleton.metrics = skeleton.evaluate()
            skeleton.notes = notes + ["no device can patrol: every patrol cell stays unwatched"]
            return skeleton
        }

        // Every combination of per-kind strategies, judged by coverage, then worst ratio, then average.
        // A replan has one combination, whose routes are kept: building them again (loop matching, a route per
        // device) was a tenth of a 500-device replan. The first plan compares several, each with the one route
        // of a shared walk that the evaluation reads, and builds the whole routes of the winner.
        var best: (assignments: [KindAssignment], metrics: PlanMetrics, routes: [PlannedRoute])?
        let combinations = previous == nil ? Self.strategyCombinations(assignments) : [assignments]
        let comparing = combinations.count > 1
        for combination in combinations {
            let routes = routes(for: combination, policy: policy, options: options, evaluationOnly: comparing)
            let metrics = skeleton.evaluate(routes: Self.evaluated(routes, combination))
            if best == nil || Self.isBetter(metrics, than: best!.metrics) { best = (combination, metrics, routes) }
        }
        var chosen = (assignments: best!.assignments, metrics: best!.metrics)

        // Hotspots (and, with cross patrol, their cover when a device is lost): visit the viewpoints of the
        // cells that miss their target more often per cycle, while that helps.
        let crossTargets = policy.crossPatrol ? topWeightTargets() : []
        let sharesWalks = chosen.assignments.contains { $0.strategy == .cyclic && $0.devices.count > 1 }
        var chosenRoutes = comparing && sharesWalks
            ? routes(for: chosen.assignments, policy: policy, options: options) : best!.routes
        // Replanning looks after the targets only (the loss margin is reported, not searched) to stay fast.
        let searchedCross = previous == nil ? crossTargets : []
        var chosenCross = searchedCross.isEmpty ? 0 : worstCross(chosenRoutes, searchedCross, skeleton)
        var current = (assignments: chosen.assignments, metrics: chosen.metrics, routes: chosenRoutes, cross: chosenCross)
        // Replanning keeps the previous repeats and tries one more step when a target is missed.
        for _ in 0..<(previous == nil ? 5 : 1) {
            var ratios: [Int: Double] = [:]
            for missed in current.metrics.missedTargets {
                if let worst = missed.worstIdlenessS { ratios[missed.target] = worst / missed.targetS }
            }
            // Targets first; the cross-patrol margin only once every target is met.
            if ratios.isEmpty && !searchedCross.isEmpty && current.cross > 1 {
                for (target, ratio) in crossPatrolRatios(routes: current.routes, targets: searchedCross, skeleton: skeleton) {
                    ratios[target] = max(ratios[target] ?? 0, ratio)
                }
            }
            guard !ratios.isEmpty else { break }
            var candidate = current.assignments
            guard raiseRepeats(&candidate, ratios: ratios) else { break }
            let candidateRoutes = routes(for: candidate, policy: policy, options: options)
            let metrics = skeleton.evaluate(routes: Self.evaluated(candidateRoutes, candidate))
            let cross = searchedCross.isEmpty ? 0 : worstCross(candidateRoutes, searchedCross, skeleton)
            current = (candidate, metrics, candidateRoutes, cross)
            // Keep the best seen; a step may get worse before more repeats pay off.
            let improved = Self.isBetter(metrics, than: chosen.metrics)
                || (metrics.worstRatio <= max(1, chosen.metrics.worstRatio) && cross < chosenCross - 1e-9)
            if improved {
                chosen = (candidate, metrics)
                chosenRoutes = candidateRoutes
                chosenCross = cross
            }
        }

        if !searchedCross.isEmpty && chosenCross > 1 {
            // Still short with a device lost: try posting one, two or three devices of a kind on loops round
            // the top cells. The best that meets the loss margin (else lowers it most) is kept, as long as
            // every target still holds.
            var best: (assignments: [KindAssignment], metrics: PlanMetrics, routes: [PlannedRoute], cross: Double)?
            for kindIndex in chosen.assignments.indices where chosen.assignments[kindIndex].sentries.isEmpty {
                for count in 1...3 {
                    guard let posted = withSentries(chosen.assignments[kindIndex], count: count, options: options)
                    else { break }
                    var candidate = chosen.assignments
                    candidate[kindIndex] = posted
                    let candidateRoutes = routes(for: candidate, policy: policy, options: options)
                    let metrics = skeleton.evaluate(routes: Self.evaluated(candidateRoutes, candidate))
                    let cross = worstCross(candidateRoutes, searchedCross, skeleton)
                    guard metrics.coverageFraction >= chosen.metrics.coverageFraction - 1e-12,
                          metrics.worstRatio <= max(1, chosen.metrics.worstRatio) + 1e-9 else { continue }
                    let better: Bool
                    if let best {
                        better = (cross <= 1) != (best.cross <= 1) ? cross <= 1
                            : cross <= 1 ? metrics.avgIdlenessS < best.metrics.avgIdlenessS - 1e-9 : cross < best.cross - 1e-9
                    } else {
                        better = cross < chosenCross - 1e-9
                    }
                    if better { best = (candidate, metrics, candidateRoutes, cross) }
                    if cross <= 1 { break }
                }
            }
            if let best {
                chosen = (best.assignments, best.metrics)
                chosenRoutes = best.routes
                chosenCross = best.cross
            }
        }

        if previous == nil {
            // The likeliest next replan loses one device: split its kind's tour for one device fewer now, so
            // that replan finds the loops in the cache instead of searching them within its time budget.
            for assignment in chosen.assignments
            where assignment.strategy == .partition && assignment.devices.count > 2 {
                let repeated = assignment.copies > 1 && !assignment.hot.isEmpty
                _ = loops(of: assignment.model, parts: assignment.devices.count - 1, options: options,
                          hot: repeated ? assignment.hot : [], copies: repeated ? assignment.copies : 1)
            }
        }
        var plan = skeleton
        plan.routes = chosenRoutes.map { withTransitCorners($0) }
        // The plan states the figures of its own routes: where a cyclic kind was evaluated as one walk, the
        // window of the evaluation differs, and the averages with it in the last digits.
        plan.metrics = Self.evaluated(chosenRoutes, chosen.assignments).count == chosenRoutes.count
            ? chosen.metrics : skeleton.evaluate(routes: chosenRoutes)
        plan.strategies = Dictionary(chosen.assignments.map { ($0.model.kind, $0.strategy) }, uniquingKeysWith: { a, _ in a })
        if !crossTargets.isEmpty {
            plan.crossPatrolWorstRatio = searchedCross.isEmpty ? worstCross(chosenRoutes, crossTargets, skeleton) : chosenCross
        }
        for assignment in chosen.assignments where assignment.copies > 1 && !assignment.hot.isEmpty {
            plan.hotViewpoints[assignment.model.kind] = assignment.hot.sorted().map { $0 + assignment.model.firstViewpoint }
            plan.hotVisitsPerCycle[assignment.model.kind] = assignment.copies
        }
        for assignment in chosen.assignments where !assignment.sentries.isEmpty {
            plan.sentries[assignment.model.kind] = assignment.sentries.map(\.device.device.id)
        }
        // What the first plan chose stays wanted through replans that cannot post it all (too few devices).
        for (kind, wanted) in previous?.sentryWatches ?? [:] { plan.sentryWatches[kind] = wanted }
        if previous == nil {
            for assignment in chosen.assignments where !assignment.sentries.isEmpty {
                plan.sentryWatches[assignment.model.kind] = assignment.sentries.count
            }
        }
        for route in plan.routes {
            let stops = route.waypoints.filter { $0.purpose == .dock }.count
            if stops > 0 {
                notes.append("\(route.deviceID): \(stops) charging stop(s) per \(Int(route.cycleS.rounded())) s cycle (the lap exceeds its battery less the \(Int(policy.batteryReserveFraction * 100)) % reserve)")
            }
        }
        if let sustained = Self.sustainedNote(plan.routes, reserveFraction: policy.batteryReserveFraction,
                                              chargeSecondsPerSecond: options.chargeSecondsPerSecond) {
            notes.append(sustained)
        }
        if !unreachable.isEmpty {
            notes.append("\(unreachable.count) patrol cell(s) cannot be seen by this fleet (see unreachable)")
        }
        if !plan.metrics.missedTargets.isEmpty,
           let capacity = capacityNote(chosen.assignments, chargeSecondsPerSecond: options.chargeSecondsPerSecond) {
            notes.append(capacity)
        }
        plan.notes = notes
        return plan
    }

    /// What to evaluate for `routes` made from `assignments`: the n routes of a kind on the cyclic strategy
    /// are one walk with the devices `cycleS / n` apart, so together they see each stop exactly every
    /// `cycleS / n`: one route of that period stands for them all. The figures are those of the n routes
    /// up to the evaluation's window (plaza's average 45.71 s against 45.75 s), so plans are compared this
    /// way and the chosen one is evaluated on its own routes. (300 drones on one walk made 300 sightings of
    /// every cell per cycle: 2.4 s per evaluation on the 500-device district.)
    static func evaluated(_ routes: [PlannedRoute], _ assignments: [KindAssignment]) -> [PlannedRoute] {
        var sharing: [DeviceKind: Int] = [:]
        for assignment in assignments where assignment.strategy == .cyclic && assignment.devices.count > 1 {
            sharing[assignment.model.kind] = assignment.devices.count
        }
        guard !sharing.isEmpty else { return routes }
        let sentries = Set(assignments.flatMap { $0.sentries.map(\.device.device.id) })
        var represented: Set<DeviceKind> = []
        var result: [PlannedRoute] = []
        for route in routes {
            guard let count = sharing[route.kind], !sentries.contains(route.deviceID) else {
                result.append(route)
                continue
            }
            guard represented.insert(route.kind).inserted else { continue }
            var walk = route
            walk.cycleS = route.cycleS / Double(count)
            result.append(walk)
        }
        return result
    }

    /// The kind's tour split into `parts` improved loops (the partition strategy), from the cache.
    func loops(of model: KindModel, parts: Int, options: PlannerOptions, hot: Set<Int> = [], copies: Int = 1)
        -> [[Int]] {
        let hotOrder = hot.sorted()
        return cache.chunks(.init(kind: model.kind, parts: parts, seed: options.seed, hot: hotOrder, copies: copies)) {
            // A hot viewpoint visited `copies` times costs about `copies - 1` extra round trips to its nearest
            // neighbour: weigh that in, so the loops with hotspots are not the longest.
            var extraM: [Int: Double] = [:]
            if copies > 1 {
                let order = model.tour.order
                var position = [Int: Int]()
                for (index, local) in order.enumerated() { position[local] = index }
                for local in hotOrder {
                    guard let at = position[local], order.count > 1 else { continue }
                    let before = order[(at + order.count - 1) % order.count], after = order[(at + 1) % order.count]
                    let nearestM = min(model.distancesM[before, local], model.distancesM[local, after])
                    extraM[local] = Double(copies - 1) * 2 * nearestM
                }
            }
            let distancesM = model.distancesM, seed = options.seed
            return Self.inParallel(Self.splitTour(model.tour.order, parts: parts, costs: distancesM, extraM: extraM)) {
                Self.improvedChunk($0, costs: distancesM, seed: seed)
            }
        }
    }

    /// Whether the fleet could meet the targets at all: a kind's devices together fly or drive at most the
    /// sum of their speeds, for the share of time they are not charging (a device that patrols for good
    /// charges `chargeSecondsPerSecond` s per second moved), so they cannot come round their tour (every
    /// viewpoint once, no repeats) more often than every tour length / (sum x that share): the cyclic bound
    /// L / (n v) with charging. Kinds that share the cells add their rates. Beyond the longest revisit
    /// target no allocation can meet the targets; within it, the misses come from the allocation (or from
    /// hotspot targets shorter than the bound).
    func capacityNote(_ assignments: [KindAssignment], chargeSecondsPerSecond: Double) -> String? {
        var parts: [String] = []
        var rate = 0.0
        for assignment in assignments {
            let speedsMPS = assignment.devices.map(\.device.speedMPS).reduce(0, +)
            let lengthM = assignment.model.tour.length
            guard speedsMPS > 0, lengthM > 0, lengthM < KindModel.unreachablePenaltyM else { continue }
            let boundS = lengthM / speedsMPS * (1 + max(0, chargeSecondsPerSecond))
            rate += 1 / boundS
            parts.append(String(format: "%@ tour %.1f km at %d x %.1f m/s: %.0f s", assignment.model.kind.rawValue,
                                lengthM / 1000, assignment.devices.count, speedsMPS / Double(assignment.devices.count),
                                boundS))
        }
        guard rate > 0, let longestS = targets.revisitTargetsS.max(), let shortestS = targets.revisitTargetsS.min()
        else { return nil }
        let boundS = 1 / rate
        let together = parts.count > 1 ? String(format: "; together %.0f s", boundS) : ""
        let detail = parts.joined(separator: "; ") + together
            + String(format: "; charging %.1f s per s moved counted", chargeSecondsPerSecond)
        if boundS > longestS * (1 + 1e-9) {
            return String(format: "capacity: this fleet cannot meet the revisit targets: it comes round every %.0f s "
                          + "at best (%@), beyond the longest target of %.0f s; more or faster devices are needed",
                          boundS, detail, longestS)
        }
        let hotspots = boundS > shortestS
            ? String(format: " (hotspot targets down to %.0f s need repeats)", shortestS) : ""
        return String(format: "capacity: the fleet could come round every %.0f s at best (%@), within the longest "
                      + "target of %.0f s%@; the misses come from the allocation", boundS, detail, longestS, hotspots)
    }

    /// The plan's figures assume every device patrols all the time. A loop shorter than its battery (less the
    /// reserve) gets no charging stop, so its device leaves to charge between laps and the hub replans while it
    /// is away: say how much of the fleet is then on patrol on average, so nobody reads the figures as what a
    /// whole shift sustains (festival-park: 12 drones on 190-310 s loops, 1,200 s of flight per charge).
    static func sustainedNote(_ routes: [PlannedRoute], reserveFraction: Double,
                              chargeSecondsPerSecond: Double) -> String? {
        let patrolling = routes.filter { !$0.waypoints.isEmpty }
        let uncharged = patrolling.filter { route in !route.waypoints.contains { $0.purpose == .dock } }
        guard !uncharged.isEmpty, chargeSecondsPerSecond > 0 else { return nil }
        let awayShare = chargeSecondsPerSecond / (1 + chargeSecondsPerSecond)
        let onPatrol = Double(patrolling.count) - Double(uncharged.count) * awayShare
        return String(format: "sustained: %d of %d loops are shorter than their battery less the %d %% reserve and "
                      + "have no charging stop, so those devices leave to charge between laps (%.2f s of charging per "
                      + "s on patrol: %.0f %% of the time away, plus the trips to the dock) while the others are "
                      + "replanned to cover; about %.1f of %d devices patrol on average, and the figures above "
                      + "assume all %d", uncharged.count, patrolling.count, Int((reserveFraction * 100).rounded()),
                      chargeSecondsPerSecond, awayShare * 100, onPatrol, patrolling.count, patrolling.count)
    }

    static func isBetter(_ a: PlanMetrics, than b: PlanMetrics) -> Bool {
        if abs(a.coverageFraction - b.coverageFraction) > 1e-12 { return a.coverageFraction > b.coverageFraction }
        if abs(a.worstRatio - b.worstRatio) > 1e-9 { return a.worstRatio < b.worstRatio }
        return a.avgIdlenessS < b.avgIdlenessS - 1e-9
    }

    static func strategyCombinations(_ assignments: [KindAssignment]) -> [[KindAssignment]] {
        var combinations: [[KindAssignment]] = [[]]
        for assignment in assignments {
            let strategies: [Plan.Strategy] = assignment.devices.count > 1 ? [.cyclic, .partition] : [.cyclic]
            combinations = combinations.flatMap { prefix in
                strategies.map { strategy in
                    var chosen = assignment
                    chosen.strategy = strategy
                    return prefix + [chosen]
                }
            }
        }
        return combinations
    }

    /// The targets of the highest weight above 1 (nothing when every cell weighs the same).
    func topWeightTargets() -> [Int] {
        guard let top = targets.weights.max(), top > 1 else { return [] }
        return targets.weights.indices.filter { targets.weights[$0] >= top }
    }

    /// Per assignment, the kind-local viewpoints that see the top targets (`topWeightTargets`) this kind
    /// looks after: each top target goes to the kind that comes round most often among those that see it (a
    /// robot loop of half an hour cannot stand in for a lost drone on a 150 s target). Cross patrol puts
    /// these viewpoints into two loops of their kind (`sharing`).
    func crossViewpoints(_ assignments: [KindAssignment]) -> [[Int]] {
        let top = topWeightTargets()
        guard !top.isEmpty else { return assignments.map { _ in [] } }
        var isTop = [Bool](repeating: false, count: targets.count)
        for target in top { isTop[target] = true }
        let cadences = assignments.map(\.cadenceS)
        var keeper = [Int](repeating: -1, count: targets.count)
        for (kindIndex, assignment) in assignments.enumerated() {
            for viewpoint in assignment.model.viewpoints {
                for target in viewpoint.targets where isTop[target] {
                    if keeper[target] < 0 || cadences[kindIndex] < cadences[keeper[target]] { keeper[target] = kindIndex }
                }
            }
        }
        return assignments.enumerated().map { kindIndex, assignment in
            assignment.model.viewpoints.indices.filter { local in
                assignment.model.viewpoints[local].targets.contains { isTop[$0] && keeper[$0] == kindIndex }
            }
        }
    }

    /// The top targets that miss their revisit target when some one device is lost and the others keep
    /// their routes, with their worst ratio (infinity when nobody else sees them).
    func crossPatrolRatios(routes: [PlannedRoute], targets subset: [Int], skeleton: Plan) -> [Int: Double] {
        var ratios: [Int: Double] = [:]
        forEachLoss(routes: routes, subset: subset, skeleton: skeleton) { affected, metrics in
            for missed in metrics.missedTargets {
                let ratio = missed.worstIdlenessS.map { $0 / missed.targetS } ?? .infinity
                ratios[affected[missed.target]] = max(ratios[affected[missed.target]] ?? 0, ratio)
            }
        }
        return ratios
    }

    /// The worst idleness / target of the top targets over "any one device lost, the others keep their
    /// routes" (infinity when some top target is seen by one device only).
    func worstCross(_ routes: [PlannedRoute], _ subset: [Int], _ skeleton: Plan) -> Double {
        guard routes.count > 1 else { return .infinity }
        var worst = 0.0
        forEachLoss(routes: routes, subset: subset, skeleton: skeleton) { _, metrics in
            worst = max(worst, metrics.coverageFraction < 1 ? .infinity : metrics.worstRatio)
        }
        return worst
    }

    /// For each device, evaluates the others' sightings of the top targets that device sees (only those
    /// can change when it is lost); `body` gets those targets and their metrics (target indices into them).
    private func forEachLoss(routes: [PlannedRoute], subset: [Int], skeleton: Plan,
                             _ body: ([Int], PlanMetrics) -> Void) {
        guard routes.count > 1 else { return }
        var isTop = [Bool](repeating: false, count: targets.count)
        for target in subset { isTop[target] = true }
        // Only the top targets' sightings, built directly (the full schedules are a hundred times larger).
        let schedules = routes.map { route in
            var visits: [VisitSchedule.Visit] = []
            for waypoint in route.waypoints {
                guard let viewpoint = waypoint.viewpoint else { continue }
                let phaseS = route.startOffsetS + waypoint.arrivalS
                for target in skeleton.viewpoints[viewpoint].targets where isTop[target] {
                    visits.append(.init(target: target, phaseS: phaseS))
                }
            }
            return VisitSchedule(periodS: route.cycleS, visits: visits)
        }
        var position = [Int](repeating: -1, count: targets.count)
        for lost in schedules.indices {
            var affected: [Int] = []
            for visit in schedules[lost].visits where position[visit.target] < 0 {
                position[visit.target] = 0
                affected.append(visit.target)
            }
            guard !affected.isEmpty else { continue }
            affected.sort()
            for (index, target) in affected.enumerated() { position[target] = index }
            var remaining: [VisitSchedule] = []
            for (other, schedule) in schedules.enumerated() where other != lost {
                remaining.append(VisitSchedule(periodS: schedule.periodS, visits: schedule.visits.compactMap { visit in
                    position[visit.target] >= 0
                        ? VisitSchedule.Visit(target: position[visit.target], phaseS: visit.phaseS) : nil
                }))
            }
            defer { for target in affected { position[target] = -1 } }
            let evaluator = IdlenessEvaluator(weights: affected.map { targets.weights[$0] },
                                              targetsS: affected.map { targets.revisitTargetsS[$0] })
            body(affected, evaluator.evaluate(remaining))
        }
    }

    /// Marks the fewest viewpoints that see the missing targets as hot, on the kind whose devices come
    /// round most often, and adds one visit per cycle of that kind's hot viewpoints. Returns false when
    /// nothing changed.
    func raiseRepeats(_ assignments: inout [KindAssignment], ratios: [Int: Double]) -> Bool {
        // Flags indexed by target rather than set lookups: this runs on every replan, over every viewpoint's
        // targets, and hashing dominated it on large sites (festival-park).
        let targetCount = targets.weights.count
        var isMissed = [Bool](repeating: false, count: targetCount)
        for target in ratios.keys where target >= 0 && target < targetCount { isMissed[target] = true }
        // Per target, the kind that comes round most often (the first such kind on ties); then per kind the
        // fewest viewpoints that see all of its targets (greedy), so the repeated block stays short.
        let cadences = assignments.map(\.cadenceS)
        var bestKind = [Int](repeating: -1, count: targetCount)
        for (kindIndex, assignment) in assignments.enumerated() {
            for viewpoint in assignment.model.viewpoints {
                for target in viewpoint.targets where isMissed[target] {
                    if bestKind[target] < 0 || cadences[kindIndex] < cadences[bestKind[target]] {
                        bestKind[target] = kindIndex
                    }
                }
            }
        }
        var targetsByKind = [[Int]](repeating: [], count: assignments.count)
        for target in ratios.keys where target >= 0 && target < targetCount && bestKind[target] >= 0 {
            targetsByKind[bestKind[target]].append(target)
        }
        var changed = false
        for (kindIndex, wanted) in targetsByKind.enumerated()
        where !wanted.isEmpty && assignments[kindIndex].copies < 8 {
            var isUncovered = [Bool](repeating: false, count: targetCount)
            var uncoveredCount = 0
            for target in wanted where !isUncovered[target] {
                isUncovered[target] = true
                uncoveredCount += 1
            }
            func cover(_ viewpointTargets: [Int]) {
                for target in viewpointTargets where isUncovered[target] {
                    isUncovered[target] = false
                    uncoveredCount -= 1
                }
            }
            let viewpoints = assignments[kindIndex].model.viewpoints
            var hot = assignments[kindIndex].hot
            var isHot = [Bool](repeating: false, count: viewpoints.count)
            for viewpoint in hot where viewpoint >= 0 && viewpoint < viewpoints.count {
                isHot[viewpoint] = true
                cover(viewpoints[viewpoint].targets)
            }
            // Greedy: the viewpoint seeing the most uncovered targets, the lowest index on ties. Counts only
            // shrink, so stale counts in a heap are upper bounds (lazy greedy: the same picks, far fewer
            // recounts). The key orders by count, then index: exact integers in a Double.
            func uncoveredSeen(_ local: Int) -> Int {
                var count = 0
                for target in viewpoints[local].targets where isUncovered[target] { count += 1 }
                return count
            }
            func key(count: Int, local: Int) -> Double { -Double(count) * 4_294_967_296 + Double(local) }
            var heap = MinHeap()
            if uncoveredCount > 0 {
                for local in viewpoints.indices where !isHot[local] {
                    let count = uncoveredSeen(local)
                    if count > 0 { heap.push(key(count: count, local: local), local) }
                }
            }
            while uncoveredCount > 0, let (_, local) = heap.pop() {
                let count = uncoveredSeen(local)
                guard count > 0 else { continue }
                let fresh = key(count: count, local: local)
                if let next = heap.minKey, next < fresh {
                    heap.push(fresh, local)
                    continue
                }
                hot.insert(local)
                isHot[local] = true
                cover(viewpoints[local].targets)
            }
            assignments[kindIndex].hot = hot
            assignments[kindIndex].copies += 1
            changed = true
        }
        return changed
    }
}
