import Testing
import ZeroMQ

/// The raw throughput baseline runs end to end (the real measurement is a benchmark, not a test).
@Suite("Raw throughput baseline")
struct RawThroughputTests {
    @Test func measureReturnsAPositiveFiniteRate() throws {
        let rate = try RawThroughput.measure(messageBytes: 64, count: 500)
        #expect(rate.isFinite)
        #expect(rate > 0)
    }

    @Test func measureRefusesAnEmptyRun() {
        let error = #expect(throws: ZMQError.self) { try RawThroughput.measure(messageBytes: 64, count: 0) }
        #expect(error?.description.contains("count >= 1") == true)
    }
}
