import Foundation
import PatrolCore
import PatrolPlanner
import Testing

/// Tour length and time on seeded uniform random instances (the TSP benchmark sizes). Records
/// only; set PATROLHUB_BENCH to run: `PATROLHUB_BENCH=1 swift test -c release --filter TourBenchmarks`.
/// The reference is the Beardwood-Halton-Hammersley estimate of the optimum with its boundary correction,
/// 0.7124 sqrt(n A) (1 + 0.33 / ln n). The comparison with LKH-3 and OR-Tools on the same instances is
/// `Benchmarks/tsp/compare.py` (`make bench`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PATROLHUB_BENCH"] != nil))
struct TourBenchmarks {
    @Test(arguments: [100, 1000, 5000])
    func uniformRandomInstance(size: Int) {
        var random = SeededRandom(seed: UInt64(size))
        let points = (0..<size).map { _ in Point2(x: random.nextUnit() * 1000, y: random.nextUnit() * 1000) }
        let clock = ContinuousClock()
        var tour: Tour?
        let elapsed = clock.measure {
            tour = TourOptimizer(options: .init(restarts: 1, seed: 1)).solve(EuclideanCosts(points: points))
        }
        let estimate = 0.7124 * (Double(size) * 1_000_000).squareRoot() * (1 + 0.33 / log(Double(size)))
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print(String(format: "BENCH tsp n=%d: length %.1f, %.3f x estimate, %.0f ms", size, tour?.length ?? 0,
                     (tour?.length ?? 0) / estimate, ms))
        #expect(Set(tour?.order ?? []).count == size)
    }
}
