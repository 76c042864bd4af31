import PatrolCore
import PatrolWire
import Testing

/// The coverage map's run-length encoding round-trips and refuses runs that do not describe the grid.
struct RunLengthsTests {
    @Test func encodeMergesEqualNeighboursAndDecodeRestoresCells() throws {
        let cells: [UInt32] = [4, 4, 4, RunLengths.notPatrolCell, RunLengths.notPatrolCell, 0, 4, 4]
        let runs = RunLengths.encode(cells)
        #expect(runs.lengths == [3, 2, 1, 2])
        #expect(runs.values == [4, RunLengths.notPatrolCell, 0, 4])
        #expect(try RunLengths.decode(lengths: runs.lengths, values: runs.values, width: 4, height: 2) == cells)
    }

    @Test func seededRandomGridsRoundTrip() throws {
        var random = SeededRandom(seed: 42)
        for _ in 0..<50 {
            let width = UInt32.random(in: 1...40, using: &random)
            let height = UInt32.random(in: 1...40, using: &random)
            // Few distinct values, so that runs form.
            let cells = (0..<Int(width * height)).map { _ in UInt32.random(in: 0...3, using: &random) }
            let runs = RunLengths.encode(cells)
            #expect(runs.lengths.allSatisfy { $0 > 0 })
            #expect(try RunLengths.decode(lengths: runs.lengths, values: runs.values, width: width,
                                          height: height) == cells)
        }
    }

    @Test func emptyGridHasNoRuns() throws {
        #expect(RunLengths.encode([]) == ([], []))
        #expect(try RunLengths.decode(lengths: [], values: [], width: 0, height: 7) == [])
    }

    @Test func lengthsThatDoNotSumToTheGridAreRejected() {
        #expect(throws: WireError.self) {
            try RunLengths.decode(lengths: [2, 2], values: [1, 2], width: 2, height: 3)
        }
        #expect(throws: WireError.self) {
            try RunLengths.decode(lengths: [2, 4], values: [1], width: 2, height: 3)
        }
        #expect(throws: WireError.self) {
            try RunLengths.decode(lengths: [0, 6], values: [1, 2], width: 2, height: 3)
        }
    }

    @Test func hugeRunsNeitherOverflowNorAllocate() {
        // Two runs of UInt32.max cells sum past 32 bits; the check happens in 64 bits before any allocation.
        do {
            _ = try RunLengths.decode(lengths: [.max, .max], values: [1, 2], width: 65_536, height: 65_536)
            Issue.record("accepted a 4 Gi-cell grid")
        } catch {
            #expect(error.reason == .tooLarge)
            #expect(error.field == "width")
        }
        do {
            _ = try RunLengths.decode(lengths: [.max, .max, 2], values: [1, 2, 3], width: 4096, height: 4096)
            Issue.record("accepted runs summing past the grid")
        } catch {
            #expect(error.reason == .inconsistent)
        }
    }

    @Test func coverageReplyExposesItsCells() throws {
        guard case .coverage(let reply) = WireSamples.operatorReplies[5].body else {
            Issue.record("sample 5 is not a coverage reply")
            return
        }
        #expect(try reply.cellIdlenessS() == [5, 5, 5, RunLengths.notPatrolCell, 7, 7])
    }
}
