import Foundation
import PatrolCore

extension PedestrianCrowd {
    /// Moves everyone by one step.
    /// - Parameters:
    ///   - dtS: step length, seconds (stable up to about `tauS`; the relaxation is integrated exactly).
    ///   - nowS: simulated time, seconds.
    ///   - robots: positions of ground robots, which pedestrians keep clear of.
    public mutating func step(dtS: Double, nowS: Double, robots: [Point2]) {
        guard count > 0 else { return }
        if !isKnownUniquelyReferenced(&agents) { agents = CrowdAgents(copying: agents) }
        agents.sort()
        let arrivals = moveEveryone(dtS: dtS, nowS: nowS, robots: robots)
        for index in 0..<arrivals { arrive(Int(agents.arrived[index]), nowS: nowS) }
    }

    /// Social force written as relaxation toward a target velocity: dv/dt = (target - v) / tau with
    /// target = driving velocity + tau * interaction forces, integrated exactly over the step, so a coarse
    /// step (ten thousand pedestrians at a fraction of the cost) stays stable.
    ///
    /// One pass over the agents in bucket order: forces read the positions of the start of the step
    /// (`hash.sortedPosition`), so moving an agent at once does not change what later agents see.
    /// Agents that reach their goal are listed in `agents.arrived`, for the caller to give new goals.
    /// - Returns: how many arrived.
    private func moveEveryone(dtS: Double, nowS: Double, robots: [Point2]) -> Int {
        let agents = agents, terrain = terrain, hash = agents.hash
        let slots = agents.slots, perCell = agents.perCell, arrived = agents.arrived
        let sortedPosition = hash.sortedPosition, sortedBucket = hash.sortedBucket
        let nextStep = terrain.nextStep, wallForce = terrain.wallForce, flags = terrain.flags
        let cellM = terrain.cellM, width = terrain.width, cellCount = terrain.cellCount
        let originX = terrain.origin.x, originY = terrain.origin.y
        let hashWidth = hash.width
        let tauS = Self.tauS, anisotropy = Self.anisotropy, tableScale = Self.tableScale
        let cutoff2 = Self.neighbourCutoffM * Self.neighbourCutoffM, maxNeighbours = Self.maxNeighbours
        let blend = 1 - exp(-dtS / tauS)
        let robotX = robots.map(\.x), robotY = robots.map(\.y), robotReachM = Self.robotReachM
        let robotContactM = Self.robotRadiusM + Self.bodyDiameterM / 2
        // Rows of buckets where a robot pushes or stops someone (a walker moves at most 1.3 x 1.86 m/s), so
        // that most agents check no robot at all.
        let robotBandM = max(robotReachM, robotContactM + 2.5 * dtS)
        let robotRows = robots.map { hash.row($0.y - robotBandM)...hash.row($0.y + robotBandM) }
        var nearRobots: [Int] = []
        nearRobots.reserveCapacity(robots.count)
        var currentRow = -1
        var arrivals = 0
        Self.repulsionOverDistance.withUnsafeBufferPointer { push in
        Self.inverseDistance.withUnsafeBufferPointer { inverse in
        // Slot ranges to search, in the order the neighbours count toward the cap: the own bucket, the
        // three buckets of the row above, the left and the right bucket, the three of the row below.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 12) { ranges in
            // Cursors: first slot at or after the start, and after the end, of the three-bucket windows of the
            // rows above, at and below the current bucket. Buckets only grow along the slots, so do they.
            var aboveLow = 0, aboveHigh = 0, rowLow = 0, rowHigh = 0, belowLow = 0, belowHigh = 0
            var currentBucket = -1, ownEnd = 0
            for slot in 0..<count {
                let bucket = Int(sortedBucket[slot])
                if bucket != currentBucket {
                    currentBucket = bucket
                    if bucket / hashWidth != currentRow {
                        currentRow = bucket / hashWidth
                        nearRobots.removeAll(keepingCapacity: true)
                        for robot in robotRows.indices where robotRows[robot].contains(currentRow) {
                            nearRobots.append(robot)
                        }
                    }
                    let column = bucket % hashWidth
                    let left = column > 0 ? 1 : 0, right = column < hashWidth - 1 ? 1 : 0
                    @inline(__always)
                    func advance(_ cursor: inout Int, before key: Int) {
                        while cursor < count, Int(sortedBucket[cursor]) < key { cursor += 1 }
                    }
                    advance(&aboveLow, before: bucket - hashWidth - left)
                    advance(&aboveHigh, before: bucket - hashWidth + right + 1)
                    advance(&rowLow, before: bucket - left)
                    advance(&rowHigh, before: bucket + right + 1)
                    advance(&belowLow, before: bucket + hashWidth - left)
                    advance(&belowHigh, before: bucket + hashWidth + right + 1)
                    ownEnd = slot
                    advance(&ownEnd, before: bucket + 1)
                    ranges[0] = slot
                    ranges[1] = ownEnd
                    ranges[2] = aboveLow
                    ranges[3] = aboveHigh
                    ranges[4] = rowLow
                    ranges[5] = slot
                    ranges[6] = ownEnd
                    ranges[7] = rowHigh
                    ranges[8] = belowLow
                    ranges[9] = belowHigh
                }
                var agent = slots[slot]
                let x = agent.x, y = agent.y
                var vx = agent.velocityX, vy = agent.velocityY
                let cell = Int(agent.cell)
                let dwellOver = nowS >= Double(agent.dwellUntilS)
                // A stayer pushed out of its hotspot while it waits walks back in: people at a stage or a
                // gate hold their place, and without this a crowd leaks out of a small hotspot at its edge.
                let home = Int(agent.home)
                let pushedOut = !dwellOver && home >= 0
                    && nextStep[home &* cellCount &+ cell] != CrowdDestination.straight
                let walking = agent.destination >= 0 && (dwellOver || pushedOut)

                // Driving term as the velocity the pedestrian relaxes toward.
                var ex = 0.0, ey = 0.0, wanted = 0.0
                if walking {
                    wanted = Double(agent.desiredSpeedMPS)
                    let gx = Double(agent.goalX) - x, gy = Double(agent.goalY) - y
                    let goalDistance = (gx * gx + gy * gy).squareRoot()
                    let code = Int(nextStep[Int(agent.destination) * cellCount + cell])
                    if code == Int(CrowdDestination.straight) || goalDistance < 2 * cellM {
                        if goalDistance > 1e-9 {
                            let inverse = 1 / goalDistance
                            ex = gx * inverse
                            ey = gy * inverse
                        }
                    } else {
                        // Aim at the centre of the next cell down the field, so walkers do not scrape walls.
                        let tx = originX + (Double(cell % width + code % 3 - 1) + 0.5) * cellM - x
                        let ty = originY + (Double(cell / width + code / 3 - 1) + 0.5) * cellM - y
                        let length = (tx * tx + ty * ty).squareRoot()
                        if length > 1e-9 {
                            let inverse = 1 / length
                            ex = tx * inverse
                            ey = ty * inverse
                        }
                    }
                }
                var fx = wanted * ex, fy = wanted * ey

                // Neighbours, weaker behind than ahead of the walking direction.
                let speed = (vx * vx + vy * vy).squareRoot()
                var hx = ex, hy = ey
                if speed > 0.05 {
                    let inverse = 1 / speed
                    hx = vx * inverse
                    hy = vy * inverse
                }
                var seen = 0
                neighbourSearch: for k in 0..<5 {
                    for other in ranges[2 * k]..<ranges[2 * k + 1] {
                        let position = sortedPosition[other]
                        let dx = x - position.x, dy = y - position.y
                        let d2 = dx * dx + dy * dy
                        guard d2 < cutoff2, other != slot else { continue }
                        let index = Int(d2 * tableScale)
                        let strength = push[index]
                        // cos of the angle between the heading and the direction toward the other (= -n).
                        let cosine = -(hx * dx + hy * dy) * inverse[index]
                        let weight = anisotropy + (1 - anisotropy) * (1 + cosine) / 2
                        fx += dx * strength * weight * tauS
                        fy += dy * strength * weight * tauS
                        seen += 1
                        if seen >= maxNeighbours { break neighbourSearch }
                    }
                }
                if flags[cell] & CrowdTerrain.nearWallFlag != 0 {
                    let wall = wallForce[cell]
                    fx += wall.x * tauS
                    fy += wall.y * tauS
                }
                for robot in nearRobots {
                    let dx = x - robotX[robot], dy = y - robotY[robot]
                    guard abs(dx) < robotReachM, abs(dy) < robotReachM else { continue }
                    let d = (dx * dx + dy * dy).squareRoot()
                    guard d < robotReachM, d > 1e-9 else { continue }
                    let magnitude = Self.robotRepulsionMPS2 * exp((robotContactM - d) / Self.repulsionRangeM)
                    fx += dx / d * magnitude * tauS
                    fy += dy / d * magnitude * tauS
                }

                // Relax toward the target velocity, cap the speed, move; slide along walls.
                vx += (fx - vx) * blend
                vy += (fy - vy) * blend
                let maxSpeed = 1.3 * Double(agent.desiredSpeedMPS)
                let newSpeed = (vx * vx + vy * vy).squareRoot()
                if newSpeed > maxSpeed {
                    let scale = maxSpeed / newSpeed
                    vx *= scale
                    vy *= scale
                }
                var nx = x + vx * dtS, ny = y + vy * dtS
                // A step of a second covers a robot's whole repulsion range, so the force alone lets walkers
                // pass through it: stop them at its edge instead, as a body would.
                for robot in nearRobots {
                    let dx = nx - robotX[robot], dy = ny - robotY[robot]
                    guard abs(dx) < robotContactM, abs(dy) < robotContactM else { continue }
                    let d = (dx * dx + dy * dy).squareRoot()
                    guard d < robotContactM else { continue }
                    if d > 1e-9 {
                        nx = robotX[robot] + dx / d * robotContactM
                        ny = robotY[robot] + dy / d * robotContactM
                    } else {
                        nx = x
                        ny = y
                    }
                    vx = 0
                    vy = 0
                }
                var newCell = terrain.cellIndex(x: nx, y: ny)
                if !terrain.isWalkable(newCell) {
                    // Keep whichever axis stays walkable.
                    let alongX = terrain.cellIndex(x: nx, y: y), alongY = terrain.cellIndex(x: x, y: ny)
                    if terrain.isWalkable(alongX) {
                        ny = y
                        vy = 0
                        newCell = alongX
                    } else if terrain.isWalkable(alongY) {
                        nx = x
                        vx = 0
                        newCell = alongY
                    } else {
                        nx = x
                        ny = y
                        vx = 0
                        vy = 0
                        newCell = cell
                    }
                }
                agent.x = nx
                agent.y = ny
                agent.velocityX = vx
                agent.velocityY = vy
                if newCell != cell {
                    perCell[cell] &-= 1
                    perCell[newCell] &+= 1
                    agent.cell = Int32(newCell)
                }
                slots[slot] = agent
                if walking, dwellOver {
                    let dx = Double(agent.goalX) - nx, dy = Double(agent.goalY) - ny
                    if dx * dx + dy * dy < 0.64 {
                        arrived[arrivals] = Int32(slot)
                        arrivals += 1
                    }
                }
            }
        }
        }
        }
        return arrivals
    }
}
