extension Double {
    /// This value rounded toward zero and clamped to `Int`'s range, NaN as 0.
    ///
    /// `Int(_:)` traps on a non-finite or out-of-range value. Numbers from a peer (battery, confidence, a
    /// position far outside the site) or from the planner (an unreachable place is `.infinity` seconds away)
    /// reach messages and deadlines, and the hub must not stop for them.
    var clampedInt: Int {
        guard !isNaN else { return 0 }
        if self >= Double(Int.max) { return .max }
        if self <= Double(Int.min) { return .min }
        return Int(self)
    }

    /// This value rounded toward zero and clamped to `Int64`'s range, NaN as 0 (see `clampedInt`).
    var clampedInt64: Int64 {
        guard !isNaN else { return 0 }
        if self >= Double(Int64.max) { return .max }
        if self <= Double(Int64.min) { return .min }
        return Int64(self)
    }
}
