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

    /// Cross patrol: three loops side by side along a street, 10 m apart; a hotspot of four places in the
    /// middle loop. Each hotspot place gets a second loop, spread over the two neighbours (the one left
    /// shorter takes the next), never the far loop of the same side twice over; nothing else moves.
    @Test func crossPatrolPutsEachSharedPlaceInASecondNearbyLoop() throws {
        // Places 0-3 left loop (x 0..3), 4-7 middle (x 10..13, the hotspot 5 and 6), 8-11 right (x 20..23).
        let points = (0..<12).map { index in Point2(x: Double(index / 4) * 10 + Double(index % 4), y: 0) }
        let costs = CostMatrix(count: points.count) { points[$0].distance(to: points[$1]) }
        let loops = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
        let (shared, seconds) = GridModel.sharing([5, 6], in: loops, costs: costs)
        for place in [5, 6] {
            #expect(shared.filter { $0.contains(place) }.count == 2, "place \(place) in \(shared)")
        }
        #expect(seconds[1].isEmpty)
        #expect(seconds[0].count + seconds[2].count == 2)
        #expect(!seconds[0].isEmpty && !seconds[2].isEmpty, "the two neighbours take one each: \(seconds)")
        #expect(shared.flatMap { $0 }.sorted() == (Array(0..<12) + [5, 6]).sorted())
        // A place already in two loops, or a single loop, is left as it is.
        #expect(GridModel.sharing([5], in: shared, costs: costs).chunks == shared)
        #expect(GridModel.sharing([1], in: [[0, 1, 2]], costs: costs).chunks == [[0, 1, 2]])
    }
}
