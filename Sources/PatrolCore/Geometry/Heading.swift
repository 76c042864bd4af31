import Foundation

/// Compass bearings (degrees clockwise from north) against the local frame's x-east / y-north axes.
public enum Heading {
    /// The unit vector of a compass bearing: 0 is north (+y), 90 is east (+x).
    public static func unitVector(bearingDeg: Double) -> Point2 {
        let radians = bearingDeg * .pi / 180
        return Point2(x: sin(radians), y: cos(radians))
    }

    /// The compass bearing of a vector, in [0, 360).
    public static func bearingDeg(of vector: Point2) -> Double {
        let degrees = atan2(vector.x, vector.y) * 180 / .pi
        return normalized(degrees)
    }

    /// A bearing folded into [0, 360).
    public static func normalized(_ bearingDeg: Double) -> Double {
        let folded = bearingDeg.truncatingRemainder(dividingBy: 360)
        return folded < 0 ? folded + 360 : folded
    }

    /// The smallest absolute angle between two bearings, in [0, 180].
    public static func differenceDeg(_ a: Double, _ b: Double) -> Double {
        let d = abs(normalized(a) - normalized(b))
        return d > 180 ? 360 - d : d
    }
}
