import Dispatch
import PatrolCore
import Synchronization

/// Turning tours into timed routes: hotspot repeats, tour splitting, charging stops, slots, transit corners.
extension GridModel {
    /// The routes of every device. `evaluationOnly`: the routes of a cyclic kind after the first hold only
    /// their first stop, enough for `evaluated(_:_:)`, which keeps the first of them for the whole walk.
    func routes(for assignments: [KindAssignment], policy: Policy, options: PlannerOptions,
                evaluationOnly: Bool = false) -> [PlannedRoute] {
        var all: [PlannedRoute] = []
        let shared = policy.crossPatrol ? crossViewpoints(assignments) : []
        for (kindIndex, assignment) in assignments.enumerated() {
            let model = assignment.model
            let speed = assignment.devices.map(\.device.speedMPS).min() ?? 1
            let costs = model.distancesM
            switch assignment.strategy {
            case .cyclic:
                let order = Self.expandedOrder(model.tour.order, hot: assignment.hot, copies: assignment.copies, costs: costs)
                let lead = assignment.devices[0].device
                let usableS = assignment.devices.map { $0.device.enduranceS }.min()! * (1 - policy.batteryReserveFraction)
                let walk = withChargingStops(timedWalk(order, model: model, speedMPS: speed), kind: model.kind,
                                             dock: docks[lead.dockID], usableS: usableS, speedMPS: speed,
                                             chargeRatio: options.chargeSecondsPerSecond)
                var routes = walk.cyclicRoutes(devices: assignment.devices.map { ($0.device.id, $0.device.kind) },
                                               fullRoutes: evaluationOnly ? 1 : assignment.devices.count)
                Self.assignSlots(&routes, devices: assignment.devices)
                all.append(contentsOf: routes)
            case .partition:
                var chunks = assignment.copies > 1 && !assignment.hot.isEmpty
                    ? loops(of: model, parts: assignment.chunks.count, options: options, hot: assignment.hot,
                            copies: assignment.copies)
                    : assignment.chunks
                var seconds = [Set<Int>](repeating: [], count: chunks.count)
                if !shared.isEmpty {
                    // Cached whole: replans meet the same loops again and again, and with hundreds of loops the
                    // insertions and the searches are most of a replan.
                    let loops = chunks, viewpoints = shared[kindIndex]
                    (chunks, seconds) = cache.sharedLoops(.init(loops: loops, shared: viewpoints, seed: options.seed)) {
                        var (made, taken) = Self.sharing(viewpoints, in: loops, costs: costs)
                        // Inserted stops are placed well but not optimally: the loop is searched again.
                        let changed = made.indices.filter { !taken[$0].isEmpty }
                        let searched = Self.inParallel(changed.map { made[$0] }) { loop in
                            cache.improvedLoop(.init(loop: loop, seed: options.seed)) {
                                Self.improvedChunk(loop, costs: costs, seed: options.seed)
                            }
                        }
                        for (index, loop) in zip(changed, searched) { made[index] = loop }
                        return (made, taken)
                    }
                }
                let deviceOfChunk = Self.devicesForLoops(chunks, devices: assignment.devices, model: model)
                for (chunkIndex, loop) in chunks.enumerated() where !loop.isEmpty {
                    guard let deviceIndex = deviceOfChunk[chunkIndex] else { continue }
                    // A loop standing in for another at a hotspot visits it once a lap; the owner repeats it.
                    let hot = seconds[chunkIndex].isEmpty ? assignment.hot : assignment.hot.subtracting(seconds[chunkIndex])
                    all.append(ownLoopRoute(loop, device: assignment.devices[deviceIndex], hot: hot,
                                            assignment: assignment, policy: policy, options: options))
                }
            }
            for sentry in assignment.sentries {
                all.append(ownLoopRoute(sentry.loop, device: sentry.device, hot: [], assignment: assignment,
                                        policy: policy, options: options))
            }
        }
        return all
    }

    /// The route of a device on a loop of its own (a partition loop or a sentry's): run the way that suits
    /// the map or the device's previous route, hot stops repeated, charging stops where the battery needs them.
    func ownLoopRoute(_ loop: [Int], device: FleetState.Device, hot: Set<Int>, assignment: KindAssignment,
                      policy: Policy, options: PlannerOptions) -> PlannedRoute {
        let model = assignment.model
        let ordered = assignment.viewpointStaleness.isEmpty
            ? Self.oriented(loop, device: device, previous: assignment.previousRoutes[device.device.id], model: model)
            : Self.stalestFirst(loop, device: device, staleness: assignment.viewpointStaleness, model: model)
        let order = Self.expandedOrder(ordered, hot: hot, copies: assignment.copies, costs: model.distancesM)
        let walk = withChargingStops(timedWalk(order, model: model, speedMPS: device.device.speedMPS),
                                     kind: model.kind, dock: docks[device.device.dockID],
                                     usableS: device.device.enduranceS * (1 - policy.batteryReserveFraction),
                                     speedMPS: device.device.speedMPS, chargeRatio: options.chargeSecondsPerSecond)
        return Self.partitionRoute(walk, device: device)
    }

    /// The stops of `order` (the kind's local viewpoint indices) timed at `speedMPS` along the matrix, plus
    /// the time a robot takes to turn between look headings at one place, and at least `minimumLegS` a leg.
    func timedWalk(_ order: [Int], model: KindModel, speedMPS: Double) -> TimedWalk {
        var stops: [PlannedWaypoint] = []
        var clockS = 0.0
        for (index, local) in order.enumerated() {
            if index > 0 { clockS += legS(from: order[index - 1], to: local, model: model, speedMPS: speedMPS) }
            let viewpoint = model.viewpoints[local]
            stops.append(PlannedWaypoint(position: viewpoint.position, arrivalS: clockS, headingDeg: viewpoint.headingDeg,
                                         purpose: .patrol, viewpoint: model.firstViewpoint + local))
        }
        let closingS = order.count > 1 ? legS(from: order[order.count - 1], to: order[0], model: model, speedMPS: speedMPS) : 0
        return TimedWalk(stops: stops, cycleS: max(clockS + closingS, Self.minimumLegS))
    }

    /// No leg takes less than this: a stop is at least one control step of a device (the simulator steps every
    /// 0.2 s). It matters only between stops at one place, which would otherwise take no time at all: a drone
    /// left with a few headings at one spot got a loop of a millisecond, and merging that loop with the 100 s
    /// loops around it took the evaluation minutes (the 500-device district's first plan: 134 s, now 5 s).
    static let minimumLegS = 0.2

    /// Seconds from one stop to the next: the travel, plus, for a robot staying in place, the turn from one
    /// look heading to the next (its camera is fixed to its body). A robot that moves turns on the way.
    func legS(from: Int, to: Int, model: KindModel, speedMPS: Double) -> Double {
        var seconds = model.distancesM[from, to] / speedMPS
        let a = model.viewpoints[from], b = model.viewpoints[to]
        if model.kind == .robot, let fromDeg = a.headingDeg, let toDeg = b.headingDeg,
           a.position.ground.distance(to: b.position.ground) < grid.cellM / 2 {
            seconds += Heading.differenceDeg(fromDeg, toDeg) / DeviceKind.robotTurnRateDPS
        }
        return max(seconds, Self.minimumLegS)
    }

    /// Hot viewpoints visited `copies` times per cycle, evenly: the other viewpoints of the tour are cut
    /// into `copies` contiguous stretches of about equal length, and the hot ones (in tour order, either
    /// direction) are inserted as one block into each stretch where the detour is smallest.
    static func expandedOrder(_ order: [Int], hot: Set<Int>, copies: Int, costs: CostMatrix) -> [Int] {
        let hotOrder = order.filter { hot.contains($0) }
        guard copies > 1, !hotOrder.isEmpty else { return order }
        let rest = order.filter { !hot.contains($0) }
        guard rest.count >= copies else {
            return Array(repeating: hotOrder, count: copies).flatMap { $0 } + rest
        }
        var cumulative = [0.0]
        for index in 1..<rest.count { cumulative.append(cumulative[index - 1] + costs[rest[index - 1], rest[index]]) }
        let total = cumulative.last! + costs[rest.last!, rest[0]]
        var stretches: [[Int]] = []
        var start = 0
        for part in 1...copies {
            var end = rest.count
            if part < copies {
                let goal = total * Double(part) / Double(copies)
                end = max(start + 1, min(rest.count - (copies - part), cumulative.firstIndex { $0 >= goal } ?? rest.count))
            }
            stretches.append(Array(rest[start..<end]))
            start = end
        }
        let reversedHot = Array(hotOrder.reversed())
        var result: [Int] = []
        for (index, stretch) in stretches.enumerated() {
            let following = stretches[(index + 1) % stretches.count].first ?? stretch[0]
            var bestGap = 0, bestBlock = hotOrder, bestCost = Double.infinity
            for gap in stretch.indices {
                let a = stretch[gap], b = gap + 1 < stretch.count ? stretch[gap + 1] : following
                for block in [hotOrder, reversedHot] {
                    let cost = costs[a, block[0]] + costs[block[block.count - 1], b] - costs[a, b]
                    if cost < bestCost {
                        bestCost = cost
                        bestGap = gap
                        bestBlock = block
                    }
                }
            }
            result.append(contentsOf: stretch[...bestGap])
            result.append(contentsOf: bestBlock)
            result.append(contentsOf: stretch[(bestGap + 1)...])
        }
        return result
    }

    /// Splits a tour into `parts` contiguous stretches of about equal closed-loop length (plus `extraM` for
    /// the places listed there: the repeats of hot viewpoints), trying a few starting points and keeping the
    /// split whose longest loop is shortest.
    static func splitTour(_ order: [Int], parts: Int, costs: CostMatrix, extraM: [Int: Double] = [:]) -> [[Int]] {
        guard parts > 1, order.count > parts else { return order.map { [$0] } + [[Int]](repeating: [], count: max(0, parts - order.count)) }
        var best: [[Int]] = []
        var bestLongest = Double.infinity
        let tries = min(order.count, 12)
        for attempt in 0..<tries {
            let shift = attempt * order.count / tries
            let rotated = Array(order[shift...] + order[..<shift])
            var cumulative = [0.0]
            for index in 1..<rotated.count {
                cumulative.append(cumulative[index - 1] + costs[rotated[index - 1], rotated[index]]
                                  + (extraM[rotated[index]] ?? 0))
            }
            let total = cumulative.last! + costs[rotated.last!, rotated[0]] + (extraM[rotated[0]] ?? 0)
            var chunks: [[Int]] = []
            var start = 0
            for part in 1...parts {
                var end = rotated.count
                if part < parts {
                    let goal = total * Double(part) / Double(parts)
                    end = max(start + 1, min(rotated.count - (parts - part), cumulative.firstIndex { $0 >= goal } ?? rotated.count))
                }
                chunks.append(Array(rotated[start..<end]))
                start = end
            }
            let longest = chunks.map { chunk in
                Tour.length(of: chunk, costs: costs) + chunk.reduce(0) { $0 + (extraM[$1] ?? 0) }
            }.max() ?? 0
            if longest < bestLongest {
                bestLongest = longest
                best = chunks
            }
        }
        return best
    }

    /// `transform` of each loop, on all cores when there are many (the loops are independent, and each
    /// search is seeded on its own, so the results are those of a serial map). A replan of the 500-device
    /// district searches some hundreds of loops: a tenth of the simulator's run went to them on one core.
    static func inParallel(_ loops: [[Int]], _ transform: @Sendable ([Int]) -> [Int]) -> [[Int]] {
        guard loops.count >= 8 else { return loops.map(transform) }
        let results = Mutex<[Int: [Int]]>([:])
        DispatchQueue.concurrentPerform(iterations: loops.count) { index in
            let made = transform(loops[index])
            results.withLock { $0[index] = made }
        }
        let made = results.withLock { $0 }
        return loops.indices.map { made[$0]! }
    }

    static func improvedChunk(_ chunk: [Int], costs: CostMatrix, seed: UInt64) -> [Int] {
        guard chunk.count > 3 else { return chunk }
        let sub = CostMatrix(count: chunk.count) { costs[chunk[$0], chunk[$1]] }
        let tour = TourOptimizer(options: .init(restarts: 1, kicks: min(400, 10 * chunk.count), seed: seed)).solve(sub)
        return tour.order.map { chunk[$0] }
    }

    /// Which device takes each loop (nil: none): the assignment with the least total lead-in time, each
    /// device's straight-line time to its loop's nearest stop (`MinCostAssignment`), among those that give
    /// as many loops with stops a device as there are devices. Loops without stops get none.
    static func devicesForLoops(_ loops: [[Int]], devices: [FleetState.Device], model: KindModel) -> [Int?] {
        let size = max(loops.count, devices.count)
        // Padding rows and columns make the matrix square; a device on a loop without stops, or a loop with
        // stops left to padding, costs more than every lead-in together.
        let unusedS = 1e12
        let leadInS = (0..<size).map { deviceIndex in
            (0..<size).map { loopIndex -> Double in
                let isDevice = deviceIndex < devices.count
                let hasStops = loopIndex < loops.count && !loops[loopIndex].isEmpty
                guard isDevice && hasStops else { return isDevice || hasStops ? unusedS : 0 }
                let device = devices[deviceIndex]
                return distance(from: device.position, to: loops[loopIndex], model: model)
                    / max(device.device.speedMPS, 1e-9)
            }
        }
        var deviceOfLoop = [Int?](repeating: nil, count: loops.count)
        for (deviceIndex, loopIndex) in MinCostAssignment.solve(leadInS).enumerated()
        where deviceIndex < devices.count && loopIndex < loops.count && !loops[loopIndex].isEmpty {
            deviceOfLoop[loopIndex] = deviceIndex
        }
        return deviceOfLoop
    }

    /// `loop`, reversed if need be so that from its stop nearest the device it heads the way the device's
    /// previous route went there. A loop's direction out of the tour search is arbitrary; replans come every
    /// minute or so when devices leave to charge and come back, and a device sent back the way it came at
    /// each one wore a groove in the middle of its loop while the loop's far ends went unseen (festival-park:
    /// a corner cell unseen for 36 minutes).
    static func oriented(_ loop: [Int], device: FleetState.Device, previous: PlannedRoute?, model: KindModel) -> [Int] {
        guard loop.count > 2, let previous else { return loop }
        let stops = previous.waypoints.filter { $0.purpose == .patrol }.map(\.position.ground)
        guard stops.count > 1 else { return loop }
        func nearest(_ points: [Point2]) -> Int {
            points.indices.min { points[$0].distance(to: device.position) < points[$1].distance(to: device.position) }!
        }
        let was = nearest(stops)
        let heading = stops[(was + 1) % stops.count] - stops[was]
        let positions = loop.map { model.viewpoints[$0].position.ground }
        let start = nearest(positions)
        let forward = positions[(start + 1) % loop.count] - positions[start]
        let backward = positions[(start + loop.count - 1) % loop.count] - positions[start]
        return Point2.dot(backward, heading) > Point2.dot(forward, heading) ? loop.reversed() : loop
    }

    /// `loop`, reversed if that reaches its stops with a smaller worst idleness: from the stop nearest the
    /// device, each stop's idleness now plus its arrival along the loop, over its revisit target. The device
    /// goes first where the map has waited longest, instead of back over what it has just seen.
    static func stalestFirst(_ loop: [Int], device: FleetState.Device,
                             staleness: [(idlenessS: Double, targetS: Double)], model: KindModel) -> [Int] {
        guard loop.count > 2 else { return loop }
        let start = loop.indices.min {
            model.viewpoints[loop[$0]].position.ground.distance(to: device.position)
                < model.viewpoints[loop[$1]].position.ground.distance(to: device.position)
        }!
        let speedMPS = max(device.device.speedMPS, 1e-9)
        func worstRatio(step: Int) -> Double {
            var clockS = 0.0, worst = 0.0
            var at = start
            for visited in 0..<loop.count {
                if visited > 0 {
                    let next = (at + step + loop.count) % loop.count
                    clockS += model.distancesM[loop[at], loop[next]] / speedMPS
                    at = next
                }
                let stop = staleness[loop[at]]
                if stop.targetS.isFinite { worst = max(worst, (stop.idlenessS + clockS) / stop.targetS) }
            }
            return worst
        }
        return worstRatio(step: -1) < worstRatio(step: 1) ? loop.reversed() : loop
    }

    static func distance(from point: Point2, to chunk: [Int], model: KindModel) -> Double {
        chunk.map { model.viewpoints[$0].position.ground.distance(to: point) }.min() ?? .infinity
    }

    /// Cross patrol on partition loops: each of `shared` (local viewpoints) that only one loop visits is also
    /// put into a second loop, the one that comes out shortest with it (its length plus the cheapest
    /// insertion's detour), so that losing one device leaves another coming round, and the extra stops of a
    /// large hotspot spread over the loops nearby instead of doubling one. Returns the loops and, per loop,
    /// the viewpoints it took as the second.
    static func sharing(_ shared: [Int], in chunks: [[Int]], costs: CostMatrix) -> (chunks: [[Int]], seconds: [Set<Int>]) {
        var seconds = [Set<Int>](repeating: [], count: chunks.count)
        guard !shared.isEmpty, chunks.filter({ !$0.isEmpty }).count > 1 else { return (chunks, seconds) }
        var holders: [Int: [Int]] = [:]
        for (index, chunk) in chunks.enumerated() { for local in chunk { holders[local, default: []].append(index) } }
        var result = chunks
        var lengthsM = chunks.map { Tour.length(of: $0, costs: costs) }
        // Each loop's legs, kept as the loops grow: looking them up in a matrix of thousands of viewpoints
        // was a cache miss per stop, for every shared viewpoint (a tenth of a 500-device replan).
        var legsM = chunks.map { chunk in
            chunk.indices.map { costs[chunk[$0], chunk[($0 + 1) % chunk.count]] }
        }
        for local in shared {
            guard let owners = holders[local], owners.count == 1 else { continue }
            var best: (chunk: Int, position: Int, costM: Double)?
            for (index, chunk) in result.enumerated() where index != owners[0] && !chunk.isEmpty {
                // An insertion adds at least nothing (the costs are shortest paths, so the detour is never
                // negative): a loop already as long as the best so far cannot win, and its stops need no look.
                if let best, lengthsM[index] >= lengthsM[best.chunk] + best.costM { continue }
                let legs = legsM[index]
                for position in chunk.indices {
                    let a = chunk[position], b = chunk[(position + 1) % chunk.count]
                    let costM = chunk.count == 1
                        ? 2 * costs[a, local] : costs[a, local] + costs[local, b] - legs[position]
                    if best == nil || lengthsM[index] + costM < lengthsM[best!.chunk] + best!.costM {
                        best = (index, position + 1, costM)
                    }
                }
            }
            guard let best else { continue }
            let chunk = result[best.chunk]
            let a = chunk[best.position - 1], b = chunk[best.position % chunk.count]
            legsM[best.chunk].replaceSubrange((best.position - 1)..<best.position,
                                              with: [costs[a, local], costs[local, b]])
            result[best.chunk].insert(local, at: best.position)
            seconds[best.chunk].insert(local)
            lengthsM[best.chunk] += best.costM
            holders[local]!.append(best.chunk)
        }
        return (result, seconds)
    }

    /// A device's own loop, starting at the stop nearest to it, reached after the straight-line lead-in.
    static func partitionRoute(_ walk: TimedWalk, device: FleetState.Device) -> PlannedRoute {
        let start = walk.stops.indices.min {
            walk.stops[$0].position.ground.distance(to: device.position)
                < walk.stops[$1].position.ground.distance(to: device.position)
        } ?? 0
        var routes = TimedWalk(stops: Array(walk.stops[start...] + walk.stops[..<start]).map { stop in
            var shifted = stop
            shifted.arrivalS -= walk.stops[start].arrivalS
            if shifted.arrivalS < 0 { shifted.arrivalS += walk.cycleS }
            return shifted
        }, cycleS: walk.cycleS).cyclicRoutes(devices: [(device.device.id, device.device.kind)])
        let leadInS = (walk.stops.isEmpty ? 0 : walk.stops[start].position.ground.distance(to: device.position))
            / max(device.device.speedMPS, 1e-9)
        routes[0].startOffsetS = leadInS
        return routes[0]
    }

    /// Gives each slot of a cyclic walk to the free device nearest (in straight-line time) to the slot's
    /// first stop, then delays the common start until the last device can be in place.
    static func assignSlots(_ routes: inout [PlannedRoute], devices: [FleetState.Device]) {
        var free = Array(devices.indices)
        var startS = 0.0
        for slot in routes.indices {
            guard let first = routes[slot].waypoints.first?.position.ground, !free.isEmpty else { continue }
            func leadIn(_ index: Int) -> Double {
                devices[index].position.distance(to: first) / max(devices[index].device.speedMPS, 1e-9)
            }
            let choice = free.min { leadIn($0) < leadIn($1) }!
            free.removeAll { $0 == choice }
            routes[slot].deviceID = devices[choice].device.id
            startS = max(startS, leadIn(choice) - routes[slot].startOffsetS)
        }
        for slot in routes.indices { routes[slot].startOffsetS += startS }
    }

    /// Adds dock visits so that no stretch between charges exceeds `usableS` (endurance less the reserve):
    /// the loop starts and ends at the dock, and leaves for the dock whenever the next leg and the way back
    /// would overdraw the battery. Charging takes `chargeRatio` seconds per second since the last charge.
    func withChargingStops(_ walk: TimedWalk, kind: DeviceKind, dock: Point2?, usableS: Double, speedMPS: Double,
                           chargeRatio: Double) -> TimedWalk {
        guard walk.cycleS > usableS, let dock, !walk.stops.isEmpty else { return walk }
        let robotHomeM = kind == .robot ? robotLengthsHomeM(from: walk.stops.map(\.position.ground), to: dock) : []
        var toDockCache: [Int: Double] = [:]
        func toDockS(_ index: Int) -> Double {
            if let cached = toDockCache[index] { return cached }
            let lengthM: Double
            if kind == .robot {
                lengthM = robotHomeM[index]
            } else {
                let from = walk.stops[index].position.ground
                let path = legPath(.init(kind: kind, from: from, to: dock))
                lengthM = path.isEmpty ? from.distance(to: dock) : PathFinder.length(of: path)
            }
            toDockCache[index] = lengthM / speedMPS
            return lengthM / speedMPS
        }
        let dockStop = PlannedWaypoint(position: Point3(dock, z: 0), arrivalS: 0, purpose: .dock)
        var stops = [dockStop]
        var clockS = toDockS(0), sinceChargeS = toDockS(0)
        var first = walk.stops[0]
        first.arrivalS = clockS
        stops.append(first)
        for index in 0..<(walk.stops.count - 1) {
            let legS = walk.stops[index + 1].arrivalS - walk.stops[index].arrivalS
            if sinceChargeS + legS + toDockS(index + 1) > usableS {
                clockS += toDockS(index)
                sinceChargeS += toDockS(index)
                let dwellS = sinceChargeS * chargeRatio
                stops.append(PlannedWaypoint(position: Point3(dock, z: 0), arrivalS: clockS, dwellS: dwellS, purpose: .dock))
                clockS += dwellS + toDockS(index + 1)
                sinceChargeS = toDockS(index + 1)
            } else {
                clockS += legS
                sinceChargeS += legS
            }
            var stop = walk.stops[index + 1]
            stop.arrivalS = clockS
            stops.append(stop)
        }
        clockS += toDockS(walk.stops.count - 1)
        sinceChargeS += toDockS(walk.stops.count - 1)
        // The closing charge happens at the first stop of the next cycle.
        let closingDwellS = sinceChargeS * chargeRatio
        stops[0].dwellS = closingDwellS
        for index in 1..<stops.count { stops[index].arrivalS += closingDwellS }
        return TimedWalk(stops: stops, cycleS: clockS + closingDwellS)
    }

    /// A robot's way home from each of `points` to `dock`, metres: the straight line where it stays on
    /// drivable cells, else the 8-connected grid path length from one Dijkstra search out of the dock that
    /// stops once every point is settled (an upper bound of the straightened path the robot drives, so the
    /// battery reserve holds); the straight line where no path exists. One search per dock and walk,
    /// rather than one A* per stop: on a 2 km site those searches took most of the planning time.
    func robotLengthsHomeM(from points: [Point2], to dock: Point2) -> [Double] {
        var lengths = [Double](repeating: 0, count: points.count)
        var missing: [Int] = []
        for (index, point) in points.enumerated() {
            if let known = cache.homeLength(.init(kind: .robot, from: point, to: dock)) {
                lengths[index] = known
            } else {
                missing.append(index)
            }
        }
        guard !missing.isEmpty else { return lengths }
        let dockCell = pathFinder.robotCell(near: dock)
        var searched: [Int] = [], searchedCells: [Int] = []
        for index in missing {
            let point = points[index]
            let cell = pathFinder.robotCell(near: point)
            if let cell, let dockCell, cell != dockCell, !pathFinder.robotLineClear(point, dock) {
                searched.append(index)
                searchedCells.append(cell)
            } else {
                lengths[index] = point.distance(to: dock)
            }
        }
        if let dockCell, !searched.isEmpty {
            let gridM = pathFinder.robotDistancesM(from: dockCell, to: searchedCells)
            for (index, lengthM) in zip(searched, gridM) {
                lengths[index] = lengthM.isFinite ? lengthM : points[index].distance(to: dock)
            }
        }
        for index in missing {
            cache.storeHomeLength(.init(kind: .robot, from: points[index], to: dock), lengths[index])
        }
        return lengths
    }

    /// The path of a leg (empty when there is none), from the model's cache.
    func legPath(_ key: PlanningCache.LegKey) -> [Point2] {
        cache.leg(key) { pathFinder.path(from: key.from, to: key.to, kind: key.kind) }
    }

    /// Inserts the corners of each leg's path (around buildings, keep-out or no-fly zones) as transit
    /// waypoints, timed proportionally along the leg.
    func withTransitCorners(_ route: PlannedRoute) -> PlannedRoute {
        guard route.waypoints.count > 1 else { return route }
        var result = route
        var waypoints: [PlannedWaypoint] = []
        for (index, stop) in route.waypoints.enumerated() {
            waypoints.append(stop)
            let next = route.waypoints[(index + 1) % route.waypoints.count]
            let departS = stop.arrivalS + stop.dwellS
            let arriveS = index + 1 < route.waypoints.count ? next.arrivalS : route.cycleS
            let path = legPath(.init(kind: route.kind, from: stop.position.ground, to: next.position.ground))
            guard path.count > 2 else { continue }
            let totalM = PathFinder.length(of: path)
            var doneM = 0.0
            let z = route.kind == .drone ? max(stop.position.z, next.position.z) : 0
            for corner in 1..<(path.count - 1) {
                doneM += path[corner - 1].distance(to: path[corner])
                let fraction = totalM > 0 ? doneM / totalM : 0
                waypoints.append(PlannedWaypoint(position: Point3(path[corner], z: z),
                                                 arrivalS: departS + (arriveS - departS) * fraction, purpose: .transit))
            }
        }
        result.waypoints = waypoints
        return result
    }
}
