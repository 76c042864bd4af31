import PatrolCore
@testable import PatrolPlanner
import Testing

/// Replans: which device takes which loop, and which way round it goes.
@Suite struct LoopAssignmentTests {
    /// A kind's model over `places` with straight-line costs, one viewpoint at each place.
    static func model(_ kind: DeviceKind, places: [Point2]) -> KindModel {
        let viewpoints = places.map {
            Viewpoint(kind: kind, position: Point3($0, z: kind == .drone ? 20 : 0), headingDeg: nil, targets: [])
        }
        let costs = CostMatrix(count: places.count) { places[$0].distance(to: places[$1]) }
        return KindModel(kind: kind, viewpoints: viewpoints, firstViewpoint: 0, distancesM: costs,
                         tour: Tour(order: Array(places.indices), costs: costs), candidateCount: places.count)
    }

    static func device(_ id: String, _ kind: DeviceKind, at position: Point2, speedMPS: Double) -> FleetState.Device {
        FleetState.Device(device: FleetDevice(id: id, kind: kind, speedMPS: speedMPS, enduranceS: 1500, dockID: "dock",
                                              camera: CameraSpec(fovDeg: 80, rangeM: 30, pitchDeg: 45, altitudeM: 20)),
                          position: position)
    }

    static let square = [Point2(x: 0, y: 0), Point2(x: 10, y: 0), Point2(x: 10, y: 10), Point2(x: 0, y: 10)]

    /// Greedy in row order gives row 0 its cheapest column (cost 1) and leaves row 1 the 100; the least
    /// total is 2 + 3.
    @Test func theAssignmentHasTheLeastTotalCost() {
        #expect(MinCostAssignment.solve([[1, 2], [3, 100]]) == [1, 0])
        #expect(MinCostAssignment.solve([]) == [])
        #expect(MinCostAssignment.solve([[7]]) == [0])
    }

    /// Against every permutation, on seeded random 6 x 6 matrices.
    @Test func itMatchesBruteForceOnRandomMatrices() {
        var random = SeededRandom(seed: 11)
        func permutations(_ items: [Int]) -> [[Int]] {
            guard items.count > 1 else { return [items] }
            return items.indices.flatMap { index -> [[Int]] in
                var rest = items
                let head = rest.remove(at: index)
                return permutations(rest).map { [head] + $0 }
            }
        }
        let all = permutations(Array(0..<6))
        for _ in 0..<20 {
            let costs = (0..<6).map { _ in (0..<6).map { _ in Double(random.next() % 1000) / 10 } }
            let best = all.map { columns in columns.enumerated().reduce(0.0) { $0 + costs[$1.offset][$1.element] } }.min()!
            let found = MinCostAssignment.solve(costs)
            #expect(Set(found) == Set(0..<6))
            let total = found.enumerated().reduce(0.0) { $0 + costs[$1.offset][$1.element] }
            #expect(abs(total - best) < 1e-9)
        }
    }

    /// Four places on a square; the device stands at the first, and its previous route went from there
    /// east to the second: a loop listed the other way round is reversed, one listed that way is kept.
    @Test func aLoopRunsTheWayTheDeviceWasGoing() {
        let corners = Self.square
        let model = Self.model(.drone, places: corners)
        let device = Self.device("d1", .drone, at: Point2(x: 1, y: 0), speedMPS: 8)
        let eastward = PlannedRoute(deviceID: "d1", kind: .drone, waypoints: [0, 1, 2].map {
            PlannedWaypoint(position: Point3(corners[$0], z: 20), arrivalS: Double($0) * 2, purpose: .patrol, viewpoint: $0)
        }, cycleS: 8, startOffsetS: 0)
        #expect(GridModel.oriented([0, 3, 2, 1], device: device, previous: eastward, model: model) == [1, 2, 3, 0])
        #expect(GridModel.oriented([0, 1, 2, 3], device: device, previous: eastward, model: model) == [0, 1, 2, 3])
        // No previous route (a first plan): as it came.
        #expect(GridModel.oriented([0, 3, 2, 1], device: device, previous: nil, model: model) == [0, 3, 2, 1])
    }

    /// With the map's idleness known, a loop runs the way that reaches its stalest stop soonest: from the
    /// first corner of a square, the fourth is one leg away going backwards and three going forwards.
    @Test func aLoopRunsFirstWhereTheMapHasWaitedLongest() {
        let model = Self.model(.drone, places: Self.square)
        let device = Self.device("d1", .drone, at: Point2(x: 0, y: 0), speedMPS: 1)
        var staleness = [(idlenessS: Double, targetS: Double)](repeating: (0, 100), count: 4)
        staleness[3] = (90, 100)
        #expect(GridModel.stalestFirst([0, 1, 2, 3], device: device, staleness: staleness, model: model) == [3, 2, 1, 0])
        staleness[3] = (0, 100)
        staleness[1] = (90, 100)
        #expect(GridModel.stalestFirst([0, 1, 2, 3], device: device, staleness: staleness, model: model) == [0, 1, 2, 3])
    }

    /// Two loops at either end of a street and two devices: each takes the loop it stands next to, whatever
    /// the order of the loops.
    @Test func eachDeviceTakesTheLoopNearIt() {
        let places = [Point2(x: 0, y: 0), Point2(x: 5, y: 0), Point2(x: 100, y: 0), Point2(x: 105, y: 0)]
        let model = Self.model(.robot, places: places)
        func robot(_ id: String, at x: Double) -> FleetState.Device { Self.device(id, .robot, at: Point2(x: x, y: 0), speedMPS: 1.5) }
        let devices = [robot("east", at: 104), robot("west", at: 1)]
        #expect(GridModel.devicesForLoops([[0, 1], [2, 3]], devices: devices, model: model) == [1, 0])
        #expect(GridModel.devicesForLoops([[2, 3], [0, 1], []], devices: devices, model: model) == [0, 1, nil])
    }
}
