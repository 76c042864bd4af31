import PatrolCore
import Testing
@testable import PatrolHub

/// The off-route test's distance: exact when the device is off its route, short-cut near its progress.
@Suite struct RouteDistanceTests {
    /// A zig-zag closed route of 40 waypoints.
    let route: [Point3] = (0..<40).map { index in
        Point3(x: Double(index) * 10, y: index.isMultiple(of: 2) ? 0 : 30, z: 20)
    }

    func bruteForce(_ point: Point2) -> Double {
        var best = Double.infinity
        for index in route.indices {
            let a = route[index].ground, b = route[(index + 1) % route.count].ground
            for step in 0...1_000 {
                best = min(best, point.distance(to: a + (b - a) * (Double(step) / 1_000)))
            }
        }
        return best
    }

    @Test func offTheRouteTheDistanceIsExactWhateverTheProgress() {
        var random = SeededRandom(seed: 4)
        for _ in 0..<200 {
            let point = Point2(x: random.nextUnit() * 500 - 50, y: random.nextUnit() * 200 - 80)
            let progress = Int(random.nextUnit() * 40)
            let distance = Hub.distance(from: point, toRoute: route, near: progress, withinM: 25)
            let reference = bruteForce(point)
            if reference > 25 {
                #expect(abs(distance - reference) < 0.05, "at \(point), progress \(progress)")
            } else {
                // Within the corridor somewhere: the answer must say so, never report an off-route distance.
                #expect(distance >= reference - 0.05)
                #expect(distance <= 25 || abs(distance - reference) < 0.05)
            }
        }
    }

    @Test func nearItsProgressADeviceOnItsLegIsOnRoute() {
        // Half-way along the leg from waypoint 10 to 11, heading for 11.
        let point = Point2(x: 105, y: 15)
        #expect(Hub.distance(from: point, toRoute: route, near: 11, withinM: 25) < 0.01)
        // The same point judged from far away on the route still finds that leg.
        #expect(Hub.distance(from: point, toRoute: route, near: 30, withinM: 25) < 0.01)
        #expect(Hub.distance(from: point, toRoute: [], near: 0, withinM: 25) == .infinity)
    }
}
