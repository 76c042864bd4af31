/// A bounded window of latency samples (milliseconds) with percentiles, for commit and plan times.
struct LatencyStats {
    private var samples: [Double] = []
    private var next = 0
    private let capacity: Int
    private(set) var count: Int64 = 0
    private(set) var maxMS: Double = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    mutating func record(_ valueMS: Double) {
        count += 1
        maxMS = max(maxMS, valueMS)
        if samples.count < capacity {
            samples.append(valueMS)
        } else {
            samples[next] = valueMS
            next = (next + 1) % capacity
        }
    }

    /// The p-th percentile (0...100) of the window; 0 when empty.
    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(sorted.count - 1, max(0, rank))]
    }
}
