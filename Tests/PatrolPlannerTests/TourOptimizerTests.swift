import Foundation
import PatrolCore
import PatrolPlanner
import Testing

@Suite struct TourOptimizerTests {
    /// Points on a circle: the optimal tour is the polygon in angular order.
    @Test func findsTheOptimalTourOfPointsOnACircle() {
        var random = SeededRandom(seed: 7)
        let count = 60
        var angles = (0..<count).map { Double($0) * 2 * .pi / Double(count) }
        angles.shuffle(using: &random)
        let points = angles.map { Point2(x: 100 * cos($0), y: 100 * sin($0)) }
        let tour = TourOptimizer(options: .init(restarts: 1, seed: 3)).solve(EuclideanCosts(points: points))
        let optimal = Double(count) * 2 * 100 * sin(.pi / Double(count))
        #expect(abs(tour.length - optimal) < 1e-6)
        #expect(Set(tour.order) == Set(0..<count))
    }

    /// On random points the result is a permutation, its stated length is its real length, and it is
    /// within a few percent of the expected optimum (nearest neighbour alone is about 25 % above).
    @Test func improvesRandomInstancesAndReportsTheTrueLength() {
        var random = SeededRandom(seed: 11)
        let points = (0..<300).map { _ in Point2(x: random.nextUnit() * 1000, y: random.nextUnit() * 1000) }
        let costs = EuclideanCosts(points: points)
        let tour = TourOptimizer(options: .init(restarts: 1, kicks: 300, seed: 5)).solve(costs)
        #expect(tour.order.count == points.count)
        #expect(Set(tour.order).count == points.count)
        #expect(abs(tour.length - Tour.length(of: tour.order, costs: costs)) < 1e-6)
        // Beardwood-Halton-Hammersley with the boundary correction: optimal ~ 0.7124 sqrt(nA) (1 + 0.33/ln n).
        let expected = 0.7124 * (300.0 * 1_000_000).squareRoot() * (1 + 0.33 / log(300.0))
        #expect(tour.length < expected * 1.08)
    }

    @Test func isDeterministicForASeed() {
        var random = SeededRandom(seed: 2)
        let points = (0..<120).map { _ in Point2(x: random.nextUnit() * 500, y: random.nextUnit() * 500) }
        let options = TourOptimizer.Options(restarts: 2, kicks: 100, seed: 9)
        let first = TourOptimizer(options: options).solve(EuclideanCosts(points: points))
        let second = TourOptimizer(options: options).solve(EuclideanCosts(points: points))
        #expect(first == second)
    }

    @Test func neighbourListsFromBucketsMatchAFullScan() {
        var random = SeededRandom(seed: 4)
        let points = (0..<200).map { _ in Point2(x: random.nextUnit() * 50, y: random.nextUnit() * 300) }
        let costs = EuclideanCosts(points: points)
        let matrix = CostMatrix(count: points.count) { costs.cost($0, $1) }
        #expect(costs.neighbourLists(k: 8) == matrix.neighbourLists(k: 8))
    }

    /// The matrix's lists are each row's k nearest, ties by index, nearest first: what sorting the row gives.
    @Test func matrixNeighbourListsAreTheSortedRowsFirstK() {
        var random = SeededRandom(seed: 9)
        // Costs from a few values only, so ties are everywhere.
        let matrix = CostMatrix(count: 60) { i, j in Double((i * 7 + j * 7 + Int(random.next() % 3)) % 5) }
        for k in [0, 1, 5, 59, 80] {
            let expected = (0..<matrix.count).map { i in
                (0..<matrix.count).filter { $0 != i }
                    .sorted { (matrix.cost(i, $0), $0) < (matrix.cost(i, $1), $1) }
                    .prefix(k).map { $0 }
            }
            #expect(matrix.neighbourLists(k: k) == expected, "k = \(k)")
        }
    }

    @Test func smallInstancesComeBackWhole() {
        let points = [Point2(x: 0, y: 0), Point2(x: 3, y: 0), Point2(x: 0, y: 4)]
        let tour = TourOptimizer().solve(EuclideanCosts(points: points))
        #expect(tour.length == 12)
        #expect(TourOptimizer().solve(EuclideanCosts(points: [])).order.isEmpty)
    }
}
