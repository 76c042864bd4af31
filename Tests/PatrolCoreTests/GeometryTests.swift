import Testing
@testable import PatrolCore

@Test func squareAreaAndContainment() {
    let square = Polygon(points: [Point2(x: 0, y: 0), Point2(x: 10, y: 0), Point2(x: 10, y: 10), Point2(x: 0, y: 10)])
    #expect(square.areaM2 == 100)
    #expect(square.signedAreaM2 > 0)
    #expect(square.contains(Point2(x: 5, y: 5)))
    #expect(!square.contains(Point2(x: 15, y: 5)))
}

@Test(arguments: [(0.0, 0.0, 1.0), (90.0, 1.0, 0.0), (180.0, 0.0, -1.0), (270.0, -1.0, 0.0)])
func compassBearingsPointAlongTheLocalAxes(bearing: Double, x: Double, y: Double) {
    let unit = Heading.unitVector(bearingDeg: bearing)
    #expect(abs(unit.x - x) < 1e-12 && abs(unit.y - y) < 1e-12)
    #expect(abs(Heading.differenceDeg(Heading.bearingDeg(of: unit), bearing)) < 1e-9)
}
