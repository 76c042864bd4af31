import Foundation
import PatrolCore
@testable import PatrolPlanner
import Testing

@Suite struct TourSplitTests {
    /// Ten places on a ring 1 m apart, split in two: by length alone the halves hold five places each; with
    /// the repeats of two hot places weighed in, their loop holds fewer places, so the loops stay even.
    @Test func hotRepeatsShortenTheirLoop() throws {
        let ring = (0..<10).map { index -> Point2 in
            let angle = Double(index) * 2 * Double.pi / 10
            let radiusM = 0.5 / sin(Double.pi / 10)
            return Point2(x: radiusM * cos(angle), y: radiusM * sin(angle))
        }
        let costs = CostMatrix(count: ring.count) { ring[$0].distance(to: ring[$1]) }
        let order = Array(0..<10)
        let plain = GridModel.splitTour(order, parts: 2, costs: costs)
        #expect(plain.map(\.count).sorted() == [5, 5])
        let weighed = GridModel.splitTour(order, parts: 2, costs: costs, extraM: [0: 5, 1: 5])
        let hotLoop = try #require(weighed.first { $0.contains(0) })
        #expect(hotLoop.count < 5)
        #expect(Set(weighed.flatMap { $0 }) == Set(order))
    }
}
