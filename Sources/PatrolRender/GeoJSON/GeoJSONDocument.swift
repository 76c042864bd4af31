import Foundation
import PatrolCore

/// Builds a GeoJSON FeatureCollection (RFC 7946) from shapes in the local frame, converting every
/// coordinate to WGS84 longitude/latitude with the mission's `LocalFrame`.
///
/// Rings are closed, exteriors counter-clockwise and holes clockwise (the RFC's right-hand rule);
/// coordinates carry 7 decimals (about 1 cm).
public struct GeoJSONDocument: Sendable {
    /// A feature's geometry, in local metres.
    public enum Geometry: Hashable, Sendable {
        case point(Point2)
        case lineString([Point2])
        case polygon(OutlinePolygon)
        case multiPolygon([OutlinePolygon])
    }

    public let frame: LocalFrame
    private var features: [String] = []

    public init(frame: LocalFrame) {
        self.frame = frame
    }

    /// The number of features added so far.
    public var featureCount: Int { features.count }

    /// Adds a feature with `properties` in the order given.
    public mutating func add(_ geometry: Geometry, properties: [GeoJSONValue.Member]) {
        var text = "{\"type\":\"Feature\",\"properties\":"
        GeoJSONValue.object(properties).write(to: &text)
        text += ",\"geometry\":"
        switch geometry {
        case .point(let point):
            text += "{\"type\":\"Point\",\"coordinates\":" + position(point) + "}"
        case .lineString(let points):
            text += "{\"type\":\"LineString\",\"coordinates\":[" + points.map(position).joined(separator: ",") + "]}"
        case .polygon(let polygon):
            text += "{\"type\":\"Polygon\",\"coordinates\":" + rings(of: polygon) + "}"
        case .multiPolygon(let polygons):
            text += "{\"type\":\"MultiPolygon\",\"coordinates\":["
                + polygons.map(rings).joined(separator: ",") + "]}"
        }
        text += "}"
        features.append(text)
    }

    /// The FeatureCollection, one feature per line.
    public func render() -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    /// Writes the collection to `url`.
    /// - Throws: `RenderError` naming the file.
    public func write(to url: URL) throws {
        do {
            try Data(render().utf8).write(to: url)
        } catch {
            throw RenderError("\(url.path): cannot write GeoJSON: \(error.localizedDescription)")
        }
    }

    private func position(_ point: Point2) -> String {
        let geo = frame.geo(point)
        return "[" + GeoJSONValue.format(geo.longitudeDeg, decimals: 7) + ","
            + GeoJSONValue.format(geo.latitudeDeg, decimals: 7) + "]"
    }

    private func rings(of polygon: OutlinePolygon) -> String {
        var rings = [ring(polygon.exterior, counterClockwise: true)]
        rings += polygon.holes.map { ring($0, counterClockwise: false) }
        return "[" + rings.joined(separator: ",") + "]"
    }

    private func ring(_ points: [Point2], counterClockwise: Bool) -> String {
        // East and north keep their sense in longitude and latitude, so local orientation carries over.
        let isCounterClockwise = Polygon(points: points).signedAreaM2 > 0
        var ordered = isCounterClockwise == counterClockwise ? points : points.reversed()
        if let first = ordered.first, ordered.last != first { ordered.append(first) }
        return "[" + ordered.map(position).joined(separator: ",") + "]"
    }
}
