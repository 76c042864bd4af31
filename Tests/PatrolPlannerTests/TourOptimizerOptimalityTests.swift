import Foundation
import PatrolCore
import PatrolPlanner
import Testing

/// The optimiser against tours known to be optimal: exhaustive search on small instances, and lattices whose
/// optimum is known in closed form.
@Suite struct TourOptimizerOptimalityTests {
    /// The shortest closed tour by exhaustive search with place 0 first (pruned when a partial path is
    /// already as long as the best tour).
    static func bruteForceOptimum(_ costs: some TravelCosts) -> Double {
        let count = costs.count
        var best = Double.infinity
        var used = [Bool](repeating: false, count: count)
        used[0] = true
        func extend(from place: Int, visited: Int, lengthSoFar: Double) {
            if lengthSoFar >= best { return }
            if visited == count {
                best = min(best, lengthSoFar + costs.cost(place, 0))
                return
            }
            for next in 1..<count where !used[next] {
                used[next] = true
                extend(from: next, visited: visited + 1, lengthSoFar: lengthSoFar + costs.cost(place, next))
                used[next] = false
            }
        }
        extend(from: 0, visited: 1, lengthSoFar: 0)
        return best
    }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func matchesExhaustiveSearchOnNineRandomPoints(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let points = (0..<9).map { _ in Point2(x: random.nextUnit() * 100, y: random.nextUnit() * 100) }
        let costs = EuclideanCosts(points: points)
        let tour = TourOptimizer(options: .init(restarts: 1, seed: seed)).solve(costs)
        #expect(Set(tour.order) == Set(0..<9))
        #expect(abs(tour.length - Self.bruteForceOptimum(costs)) < 1e-9)
    }

    /// Non-Euclidean costs (a random symmetric matrix, triangle inequality not guaranteed) go through the
    /// generic neighbour lists; the optimiser must still find the optimum of nine places.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func matchesExhaustiveSearchOnARandomSymmetricMatrix(seed: UInt64) {
        var random = SeededRandom(seed: seed &+ 100)
        var costs = CostMatrix(count: 9)
        for i in 0..<9 {
            for j in (i + 1)..<9 {
                let cost = 1 + (random.nextUnit() * 99).rounded()
                costs[i, j] = cost
                costs[j, i] = cost
            }
        }
        let tour = TourOptimizer(options: .init(restarts: 3, seed: seed)).solve(costs)
        #expect(Set(tour.order) == Set(0..<9))
        #expect(abs(tour.length - Self.bruteForceOptimum(costs)) < 1e-9)
    }

    /// On an even-sided lattice with spacing s the optimum is n s (a serpentine closes without a diagonal),
    /// and any tour with a diagonal or a longer leg is worse; many ties make this a test of the epsilon handling.
    @Test func findsTheSerpentineOnALattice() {
        let side = 10, spacingM = 3.0
        var random = SeededRandom(seed: 8)
        var points = (0..<(side * side)).map {
            Point2(x: Double($0 % side) * spacingM, y: Double($0 / side) * spacingM)
        }
        points.shuffle(using: &random)
        let tour = TourOptimizer(options: .init(restarts: 1, seed: 2)).solve(EuclideanCosts(points: points))
        #expect(Set(tour.order).count == points.count)
        #expect(abs(tour.length - Double(points.count) * spacingM) < 1e-9)
    }

    /// Kicks are kept only when they shorten the tour, and a seed fixes the kick sequence, so more kicks from
    /// the same seed can never give a longer tour; a rejected kick that was not undone exactly would break this
    /// or the permutation.
    @Test func moreKicksNeverLengthenTheTour() {
        var random = SeededRandom(seed: 21)
        let points = (0..<400).map { _ in Point2(x: random.nextUnit() * 1000, y: random.nextUnit() * 1000) }
        let costs = EuclideanCosts(points: points)
        var lengths: [Double] = []
        for kicks in [0, 30, 300, 3000] {
            let tour = TourOptimizer(options: .init(restarts: 1, kicks: kicks, seed: 4)).solve(costs)
            #expect(Set(tour.order).count == points.count)
            lengths.append(tour.length)
        }
        #expect(zip(lengths, lengths.dropFirst()).allSatisfy { $1 <= $0 + 1e-9 })
        // The kicks must actually do something on 400 points.
        #expect(lengths.last! < lengths.first! - 1)
    }

    /// `improve` (the replanning path) returns a permutation no longer than the order it was given.
    @Test func improveNeverLengthensTheGivenOrder() {
        var random = SeededRandom(seed: 33)
        let points = (0..<250).map { _ in Point2(x: random.nextUnit() * 400, y: random.nextUnit() * 400) }
        let costs = EuclideanCosts(points: points)
        var order = Array(points.indices)
        order.shuffle(using: &random)
        let before = Tour.length(of: order, costs: costs)
        let tour = TourOptimizer().improve(order, costs: costs)
        #expect(Set(tour.order).count == points.count)
        #expect(tour.length < before * 0.5)
        #expect(abs(tour.length - Tour.length(of: tour.order, costs: costs)) < 1e-6)
    }
}
