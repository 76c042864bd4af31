extension Duration {
    /// The duration in whole milliseconds, rounded down, never negative (for poll timeouts).
    var clampedMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
