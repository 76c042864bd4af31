/// Per-device limits on what the device endpoint accepts, so one hostile or broken peer cannot starve the
/// others or push the hub's state around: a token bucket per sender, and a per-device time baseline that
/// timestamps may not leave by much.
///
/// Memory is bounded: at most `maxBuckets` buckets (idle ones are pruned first) and one baseline per
/// registered device.
struct DeviceInputGuard {
    /// Sustained messages per second one sender may send.
    var ratePerS: Double = 500
    /// Messages one sender may send at once (a reconnecting device resending its backlog).
    var burst: Double = 2000
    /// How far a message's `sent_ms` may run ahead of the device's latest one (a sudden jump to the future).
    var maxForwardJumpMS: Int64 = 10 * 60_000
    /// How far a message's `sent_ms` may fall behind the device's latest one.
    var maxBackwardJumpMS: Int64 = 10 * 60_000
    /// How far an observation or detection may be older than the message carrying it (resends after an outage).
    var maxReportAgeMS: Int64 = 24 * 3_600_000
    /// Buckets kept at most: senders beyond it (e.g. a flood of new connections) make idle buckets go first.
    var maxBuckets = 4096

    private struct Bucket {
        var tokens: Double
        var updatedMS: Int64
        var lastRejectMS: Int64?
    }

    private var buckets: [String: Bucket] = [:]
    /// Latest `sent_ms` admitted per device id, reset by each Hello.
    private var latestSentMS: [String: Int64] = [:]

    /// The verdict on one message.
    enum Verdict: Equatable {
        case admit
        /// Over the rate; `notify` is true at most once a second per sender, so Rejects cannot amplify a flood.
        case rateLimited(notify: Bool)
    }

    /// Takes one token from `sender`'s bucket.
    mutating func take(sender: String, nowMS: Int64) -> Verdict {
        var bucket = buckets[sender] ?? Bucket(tokens: burst, updatedMS: nowMS)
        let elapsedS = Double(max(0, nowMS - bucket.updatedMS)) / 1000
        bucket.tokens = min(burst, bucket.tokens + elapsedS * ratePerS)
        bucket.updatedMS = max(bucket.updatedMS, nowMS)
        let verdict: Verdict
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            verdict = .admit
        } else {
            let notify = bucket.lastRejectMS.map { nowMS - $0 >= 1000 } ?? true
            if notify { bucket.lastRejectMS = nowMS }
            verdict = .rateLimited(notify: notify)
        }
        if buckets[sender] == nil && buckets.count >= maxBuckets { prune(nowMS: nowMS) }
        buckets[sender] = bucket
        return verdict
    }

    /// Number of buckets held (bounded by `maxBuckets`).
    var bucketCount: Int { buckets.count }

    /// Drops buckets that have refilled (their senders are idle); if none has, drops them all, which only
    /// forgives senders, never blocks one.
    private mutating func prune(nowMS: Int64) {
        let refillMS = (burst / ratePerS * 1000).clampedInt64
        buckets = buckets.filter { nowMS - $0.value.updatedMS < refillMS }
        if buckets.count >= maxBuckets { buckets.removeAll(keepingCapacity: true) }
    }

    /// Why a timestamp is refused, as a counter suffix, or nil when it is acceptable.
    enum TimeProblem: String {
        case future = "timestamp_future"
        case past = "timestamp_past"
        case reportTooOld = "report_too_old"
        case reportInFuture = "report_in_future"
    }

    /// Sets the device's time baseline (at Hello: devices' clocks may be anything until then).
    mutating func resetClock(deviceID: String, sentMS: Int64) { latestSentMS[deviceID] = sentMS }

    /// Checks `sentMS` (and a report's capture time) against the device's baseline, advancing it when
    /// acceptable.
    mutating func checkTime(deviceID: String, sentMS: Int64, reportMS: Int64?) -> TimeProblem? {
        if let latest = latestSentMS[deviceID] {
            // Written as comparisons with the trusted baseline moved, so no hostile value is subtracted.
            if sentMS > latest.addingClamped(maxForwardJumpMS) { return .future }
            if sentMS < latest.addingClamped(-maxBackwardJumpMS) { return .past }
        }
        if let reportMS {
            if reportMS > sentMS.addingClamped(maxForwardJumpMS) { return .reportInFuture }
            if reportMS < sentMS.addingClamped(-maxReportAgeMS) { return .reportTooOld }
        }
        latestSentMS[deviceID] = max(latestSentMS[deviceID] ?? sentMS, sentMS)
        return nil
    }
}

extension Int64 {
    /// `self + delta`, saturating at the ends instead of trapping.
    fileprivate func addingClamped(_ delta: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(delta)
        guard overflow else { return sum }
        return delta > 0 ? .max : .min
    }
}
