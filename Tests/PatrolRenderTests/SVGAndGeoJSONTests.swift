import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PatrolCore
import PatrolRender
import Testing

@Suite("SVG and GeoJSON writers")
struct SVGAndGeoJSONTests {
    @Test("SVG: viewBox in metres with north up, text escaped")
    func svg() throws {
        var document = SVGDocument(minimum: Point2(x: -10, y: 0), maximum: Point2(x: 90, y: 50), widthPx: 1000)
        #expect(document.heightPx == 500)
        #expect(abs(document.metresPerPx - 0.1) < 1e-12)
        document.polyline([Point2(x: 0, y: 10), Point2(x: 20.5, y: 40.25), Point2(x: -0.0404, y: 7.1206)],
                          stroke: .black, widthM: 0.5)
        document.text("a < b & \"c\"", at: Point2(x: 1, y: 2), sizeM: 3, color: RGBA(hex: 0x112233))
        let text = document.render()
        #expect(text.contains("viewBox=\"-10 -50 100 50\""))
        #expect(text.contains("points=\"0,-10 20.5,-40.25 -0.04,-7.121\""))
        #expect(text.contains("a &lt; b &amp; &quot;c&quot;"))
        #expect(text.contains("fill=\"#112233\""))
        let parsed = xmlParses(text)
        #expect(parsed)
    }

    @Test("GeoJSON: polygons with holes in WGS84, closed right-hand rings, back to the same local points")
    func geoJSON() throws {
        let frame = LocalFrame(origin: GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87))
        var document = GeoJSONDocument(frame: frame)
        // Exterior given clockwise on purpose: the writer must turn it counter-clockwise.
        let exterior = [Point2(x: 0, y: 0), Point2(x: 0, y: 100), Point2(x: 200, y: 100), Point2(x: 200, y: 0)]
        let hole = [Point2(x: 50, y: 25), Point2(x: 150, y: 25), Point2(x: 150, y: 75), Point2(x: 50, y: 75)]
        document.add(.polygon(OutlinePolygon(exterior: exterior, holes: [hole])),
                     properties: [.init("kind", "blind_spot"), .init("name", "a \"quoted\"\nname"),
                                  .init("area_m2", .number(15000))])
        document.add(.point(Point2(x: 10, y: -20)), properties: [.init("kind", "dock")])

        let json = try JSONSerialization.jsonObject(with: Data(document.render().utf8)) as? [String: Any]
        let features = try #require(json?["features"] as? [[String: Any]])
        #expect(features.count == 2)
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(properties["name"] as? String == "a \"quoted\"\nname")
        let geometry = try #require(features[0]["geometry"] as? [String: Any])
        let rings = try #require(geometry["coordinates"] as? [[[Double]]])
        #expect(rings.count == 2)
        for (index, ring) in rings.enumerated() {
            #expect(ring.first == ring.last)
            let local = ring.dropLast().map { frame.local(GeoPoint(latitudeDeg: $0[1], longitudeDeg: $0[0])) }
            let signed = Polygon(points: local).signedAreaM2
            #expect(index == 0 ? signed > 0 : signed < 0)
            let original = index == 0 ? exterior : hole
            for point in local {
                #expect(original.contains { $0.distance(to: point) < 0.02 })
            }
        }
        let point = try #require((features[1]["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        let back = frame.local(GeoPoint(latitudeDeg: point[1], longitudeDeg: point[0]))
        #expect(back.distance(to: Point2(x: 10, y: -20)) < 0.02)
    }
}

/// Whether Foundation's XML parser accepts the document (well-formed XML).
func xmlParses(_ text: String) -> Bool {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse()
}
