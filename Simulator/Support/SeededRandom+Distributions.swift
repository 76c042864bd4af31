import Foundation
import PatrolCore

extension SeededRandom {
    /// A standard normal sample (Box-Muller), from two uniform draws.
    mutating func nextGaussian() -> Double {
        let u1 = max(nextUnit(), 1e-300), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// A uniform double in `range`.
    mutating func nextDouble(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// A uniform index in `0..<count` (count > 0).
    mutating func nextIndex(_ count: Int) -> Int {
        Int(nextUnit() * Double(count)) % count
    }

    /// An index drawn with probability proportional to `weights` (all >= 0, some > 0).
    mutating func nextWeightedIndex(_ weights: [Double], total: Double) -> Int {
        var remaining = nextUnit() * total
        for (index, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.count - 1
    }
}
