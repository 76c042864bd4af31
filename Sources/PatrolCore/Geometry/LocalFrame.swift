import Foundation

/// Converts between WGS84 latitude / longitude and the site's local east-north frame in metres.
///
/// Exact on the ellipsoid: a geodetic point at height 0 goes to Earth-centred Earth-fixed (ECEF)
/// coordinates and is rotated into the east-north-up (ENU) frame of the origin; `local` keeps east and
/// north and drops up. `geo` inverts that for points on the ellipsoid (a few fixed-point steps on the
/// up component), so `local(geo(p)) == p` to well under a millimetre within tens of kilometres.
public struct LocalFrame: Sendable {
    /// WGS84 semi-major axis, metres.
    static let semiMajorAxisM = 6_378_137.0
    /// WGS84 flattening.
    static let flattening = 1 / 298.257_223_563
    static let eccentricitySquared = flattening * (2 - flattening)

    /// The geodetic point at local (0, 0).
    public let origin: GeoPoint
    private let originECEF: (x: Double, y: Double, z: Double)
    private let sinLat: Double, cosLat: Double, sinLon: Double, cosLon: Double

    /// - Parameter origin: the point that becomes (0, 0) of the local frame.
    public init(origin: GeoPoint) {
        self.origin = origin
        originECEF = Self.ecef(origin, heightM: 0)
        let lat = origin.latitudeDeg * .pi / 180, lon = origin.longitudeDeg * .pi / 180
        sinLat = sin(lat)
        cosLat = cos(lat)
        sinLon = sin(lon)
        cosLon = cos(lon)
    }

    /// The local position (metres east and north of the origin) of a point on the ellipsoid.
    public func local(_ geo: GeoPoint) -> Point2 {
        let enu = self.enu(geo, heightM: 0)
        return Point2(x: enu.east, y: enu.north)
    }

    /// The point on the ellipsoid whose local position is `point`.
    public func geo(_ point: Point2) -> GeoPoint {
        // The ground point lies below the tangent plane by about d^2 / 2R; find that drop by iteration.
        var up = 0.0
        var result = origin
        for _ in 0..<4 {
            let x = originECEF.x - sinLon * point.x - sinLat * cosLon * point.y + cosLat * cosLon * up
            let y = originECEF.y + cosLon * point.x - sinLat * sinLon * point.y + cosLat * sinLon * up
            let z = originECEF.z + cosLat * point.y + sinLat * up
            result = Self.geodetic(x: x, y: y, z: z)
            up = enu(result, heightM: 0).up
        }
        return result
    }

    private func enu(_ geo: GeoPoint, heightM: Double) -> (east: Double, north: Double, up: Double) {
        let p = Self.ecef(geo, heightM: heightM)
        let dx = p.x - originECEF.x, dy = p.y - originECEF.y, dz = p.z - originECEF.z
        let east = -sinLon * dx + cosLon * dy
        let north = -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz
        let up = cosLat * cosLon * dx + cosLat * sinLon * dy + sinLat * dz
        return (east, north, up)
    }

    static func ecef(_ geo: GeoPoint, heightM: Double) -> (x: Double, y: Double, z: Double) {
        let lat = geo.latitudeDeg * .pi / 180, lon = geo.longitudeDeg * .pi / 180
        let primeVertical = semiMajorAxisM / (1 - eccentricitySquared * sin(lat) * sin(lat)).squareRoot()
        return ((primeVertical + heightM) * cos(lat) * cos(lon),
                (primeVertical + heightM) * cos(lat) * sin(lon),
                (primeVertical * (1 - eccentricitySquared) + heightM) * sin(lat))
    }

    /// ECEF to latitude / longitude by fixed-point iteration on latitude (converges to double precision
    /// in a handful of steps near the surface).
    static func geodetic(x: Double, y: Double, z: Double) -> GeoPoint {
        let lon = atan2(y, x)
        let p = (x * x + y * y).squareRoot()
        var lat = atan2(z, p * (1 - eccentricitySquared))
        for _ in 0..<8 {
            let primeVertical = semiMajorAxisM / (1 - eccentricitySquared * sin(lat) * sin(lat)).squareRoot()
            let heightM = p / cos(lat) - primeVertical
            let next = atan2(z, p * (1 - eccentricitySquared * primeVertical / (primeVertical + heightM)))
            if abs(next - lat) < 1e-15 {
                lat = next
                break
            }
            lat = next
        }
        return GeoPoint(latitudeDeg: lat * 180 / .pi, longitudeDeg: lon * 180 / .pi)
    }
}
