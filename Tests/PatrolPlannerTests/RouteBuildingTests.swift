import PatrolCore
@testable import PatrolPlanner
import Testing

/// The shortcuts route building takes for speed give what the plain construction gives.
@Suite struct RouteBuildingTests {
    /// Comparing strategies builds a shared walk's routes with the walk in the first one only; the others
    /// keep the slot, the start offset and the stop where their device joins, which is what slot assignment
    /// and the evaluation read.
    @Test func aSharedWalkBuiltForComparisonKeepsEverySlot() {
        let stops = (0..<40).map { index in
            PlannedWaypoint(position: Point3(x: Double(index % 8) * 10, y: Double(index / 8) * 10, z: 20),
                            arrivalS: Double(index) * 3.5, purpose: .patrol, viewpoint: index)
        }
        let walk = TimedWalk(stops: stops, cycleS: 150)
        let devices = (0..<7).map { (id: "drone-\($0)", kind: DeviceKind.drone) }
        let whole = walk.cyclicRoutes(devices: devices)
        let compared = walk.cyclicRoutes(devices: devices, fullRoutes: 1)
        #expect(compared.count == whole.count)
        #expect(compared[0] == whole[0])
        for (short, full) in zip(compared.dropFirst(), whole.dropFirst()) {
            #expect(short.waypoints == [full.waypoints[0]])
            #expect(short.deviceID == full.deviceID)
            #expect(short.startOffsetS == full.startOffsetS)
            #expect(short.cycleS == full.cycleS)
        }
        #expect(whole.allSatisfy { $0.waypoints.count == stops.count })
    }

    /// Cross-patrol insertion keeps each loop's legs as the loops grow; its choices are those of the plain
    /// cheapest insertion that reads every leg from the matrix, over several insertions into one loop.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func sharingMatchesThePlainCheapestInsertion(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        // Five loops of ten stops, each round its own part of a 200 m square, and one stop of its own beside
        // them; every third stop shared.
        var points = (0..<50).map { index in
            Point2(x: Double(index / 10) * 40 + random.nextUnit() * 60, y: random.nextUnit() * 200)
        }
        points.append(Point2(x: 100, y: 230))
        let costs = CostMatrix(count: points.count) { points[$0].distance(to: points[$1]) }
        let loops = (0..<5).map { Array(($0 * 10)..<($0 * 10 + 10)) } + [[50]]
        let shared = (0..<50).filter { $0 % 3 == 1 }
        let fast = GridModel.sharing(shared, in: loops, costs: costs)
        let plain = Self.plainSharing(shared, in: loops, costs: costs)
        #expect(fast.chunks == plain.chunks)
        #expect(fast.seconds == plain.seconds)
        // Several loops take stops, and the single stop's loop grows from its first leg on.
        #expect(fast.seconds.filter { !$0.isEmpty }.count >= 2)
        #expect(fast.seconds[5].count > 1)
    }

    /// Cheapest insertion as it read before the legs were kept: every leg from the matrix.
    static func plainSharing(_ shared: [Int], in chunks: [[Int]], costs: CostMatrix)
        -> (chunks: [[Int]], seconds: [Set<Int>]) {
        var seconds = [Set<Int>](repeating: [], count: chunks.count)
        var holders: [Int: [Int]] = [:]
        for (index, chunk) in chunks.enumerated() { for local in chunk { holders[local, default: []].append(index) } }
        var result = chunks
        var lengthsM = chunks.map { Tour.length(of: $0, costs: costs) }
        for local in shared {
            guard let owners = holders[local], owners.count == 1 else { continue }
            var best: (chunk: Int, position: Int, costM: Double)?
            for (index, chunk) in result.enumerated() where index != owners[0] && !chunk.isEmpty {
                for position in chunk.indices {
                    let a = chunk[position], b = chunk[(position + 1) % chunk.count]
                    let costM = chunk.count == 1 ? 2 * costs[a, local] : costs[a, local] + costs[local, b] - costs[a, b]
                    if best == nil || lengthsM[index] + costM < lengthsM[best!.chunk] + best!.costM {
                        best = (index, position + 1, costM)
                    }
                }
            }
            guard let best else { continue }
            result[best.chunk].insert(local, at: best.position)
            seconds[best.chunk].insert(local)
            lengthsM[best.chunk] += best.costM
            holders[local]!.append(best.chunk)
        }
        return (result, seconds)
    }
}
