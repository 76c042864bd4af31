import Foundation
import Testing
@testable import PatrolCore

/// Meridian arc length between two latitudes on WGS84, by Simpson integration of the meridian radius of
/// curvature: an independent reference for the north axis.
private func meridianArcM(fromDeg: Double, toDeg: Double) -> Double {
    let a = 6_378_137.0, f = 1 / 298.257_223_563
    let e2 = f * (2 - f)
    func radius(_ latDeg: Double) -> Double {
        let s = sin(latDeg * .pi / 180)
        return a * (1 - e2) / pow(1 - e2 * s * s, 1.5)
    }
    let steps = 1_000
    let h = (toDeg - fromDeg) / Double(steps)
    var sum = radius(fromDeg) + radius(toDeg)
    for index in 1..<steps { sum += radius(fromDeg + Double(index) * h) * (index % 2 == 1 ? 4 : 2) }
    return sum * h / 3 * .pi / 180
}

@Test func northAxisMatchesTheMeridianArcWithinACentimetreAtFiveKilometres() {
    let origin = GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87)
    let frame = LocalFrame(origin: origin)
    let deltaDeg = 0.045  // about 5 km
    let north = frame.local(GeoPoint(latitudeDeg: 45.59 + deltaDeg, longitudeDeg: 84.87))
    let arc = meridianArcM(fromDeg: 45.59, toDeg: 45.59 + deltaDeg)
    #expect(abs(north.x) < 1e-6)
    // The tangent plane shortens a 5 km arc by about d^3 / 2R^2 = 1.5 mm.
    #expect(abs(north.y - arc) < 0.01, "north \(north.y) m against arc \(arc) m")
}

@Test func eastAxisMatchesTheParallelArc() {
    let frame = LocalFrame(origin: GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87))
    let a = 6_378_137.0, f = 1 / 298.257_223_563
    let e2 = f * (2 - f), lat = 45.59 * Double.pi / 180
    let parallelRadius = a * cos(lat) / (1 - e2 * sin(lat) * sin(lat)).squareRoot()
    let deltaDeg = 0.06  // about 4.7 km
    let east = frame.local(GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87 + deltaDeg))
    let arc = parallelRadius * deltaDeg * .pi / 180
    // A parallel is not a straight line in the tangent plane: it bends north of the east axis by about
    // x^2 tan(lat) / 2N, and its chord projects within a few centimetres of the arc.
    let primeVertical = a / (1 - e2 * sin(lat) * sin(lat)).squareRoot()
    let bend = arc * arc * tan(lat) / (2 * primeVertical)
    #expect(abs(east.x - arc) < 0.05, "east \(east.x) m against arc \(arc) m")
    #expect(abs(east.y - bend) < 0.05, "north offset \(east.y) m, expected about \(bend) m")
}

@Test func geoInvertsLocalWithinAMillimetreOverFiveKilometres() {
    let frame = LocalFrame(origin: GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87))
    var random = SeededRandom(seed: 7)
    for _ in 0..<200 {
        let point = Point2(x: random.nextUnit() * 10_000 - 5_000, y: random.nextUnit() * 10_000 - 5_000)
        let back = frame.local(frame.geo(point))
        #expect(back.distance(to: point) < 0.001, "\(point) came back as \(back)")
    }
    #expect(frame.local(frame.origin).length < 1e-9)
}

@Test func seededRandomIsReplayableAndSeedDependent() {
    var first = SeededRandom(seed: 42), second = SeededRandom(seed: 42), other = SeededRandom(seed: 43)
    let a = (0..<8).map { _ in first.next() }
    #expect(a == (0..<8).map { _ in second.next() })
    #expect(a != (0..<8).map { _ in other.next() })
    // SplitMix64 reference value for seed 0 (first output).
    var zero = SeededRandom(seed: 0)
    #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    var unit = SeededRandom(seed: 1)
    for _ in 0..<1_000 {
        let value = unit.nextUnit()
        #expect(value >= 0 && value < 1)
    }
}
