/// Decodes `site.geojson` (DESIGN.md section 4) into a `Site` in local metres, recording every problem.
struct GeoJSONSiteDecoder {
    static let maxBytes = 8 << 20
    static let maxFeatures = 20_000
    static let maxRingPoints = 4_096
    /// Geometry farther than this from the mission origin is refused (it would make the grid huge).
    static let maxDistanceM = 50_000.0
    static let kinds: Set<String> = ["boundary", "building", "no_fly", "keep_out", "camera", "dock", "hotspot", "poi"]

    let file: String
    let frame: LocalFrame

    /// The decoded site and, per point feature, its location in the file (for later cross checks).
    struct Result {
        var site: Site
        var cameraLocations: [String] = []
        var dockLocations: [String] = []
        var poiLocations: [String] = []
        /// Every feature id, with the location that defined it first.
        var idLocations: [String: String] = [:]
    }

    func decode(_ document: JSONValue, log: inout ProblemLog) -> Result? {
        guard let root = ObjectReader(document, path: "$", file: file, log: &log) else { return nil }
        var isCollection = false
        if case .string(let type) = root.members["type"] { isCollection = type == "FeatureCollection" }
        if !isCollection { log.add(file, "$.type", "expected \"FeatureCollection\"") }
        guard let features = root.array("features", required: true, limit: Self.maxFeatures, log: &log) else {
            return nil
        }
        var result = Result(site: Site(boundary: Polygon(points: [])))
        var boundaryLocation: String?
        for (index, feature) in features.enumerated() {
            let location = "features[\(index)]"
            guard let object = ObjectReader(feature, path: location, file: file, log: &log),
                  let properties = object.object("properties", required: true, log: &log) else { continue }
            guard let kind = properties.string("kind", log: &log,
                                               expected: "one of \(Self.kinds.sorted().joined(separator: ", "))")
            else { continue }
            guard Self.kinds.contains(kind) else {
                log.add(file, properties.memberPath("kind"),
                        "unknown kind \"\(kind)\", expected one of \(Self.kinds.sorted().joined(separator: ", "))")
                continue
            }
            guard let geometry = object.object("geometry", required: true, log: &log) else { continue }
            let isPoint = ["camera", "dock", "poi"].contains(kind)
            var id: String?
            if ["camera", "dock", "hotspot", "poi"].contains(kind) {
                id = properties.string("id", log: &log)
                if let id {
                    if let first = result.idLocations[id] {
                        log.add(file, location, "duplicate id \"\(id)\", already used by \(first)")
                    } else {
                        result.idLocations[id] = location
                    }
                }
            }
            if isPoint {
                guard let position = point(geometry, log: &log) else { continue }
                switch kind {
                case "camera":
                    let heading = properties.number("heading_deg", NumberRange(lower: -360, upper: 360), log: &log)
                    let fov = properties.number("fov_deg", .positive(upTo: 360), log: &log)
                    let range = properties.number("range_m", .positive(upTo: 2_000), log: &log)
                    let height = properties.number("height_m", .nonNegative(upTo: 500), log: &log)
                    guard let id, let heading, let fov, let range, let height else { continue }
                    result.site.cameras.append(FixedCamera(id: id, position: position, headingDeg: heading,
                                                           fovDeg: fov, rangeM: range, heightM: height))
                    result.cameraLocations.append(location)
                case "dock":
                    guard let id else { continue }
                    result.site.docks.append(Dock(id: id, position: position))
                    result.dockLocations.append(location)
                default:
                    let revisit = properties.number("revisit_s", .positive(upTo: 86_400), log: &log)
                    guard let id, let revisit else { continue }
                    result.site.pointsOfInterest.append(PointOfInterest(id: id, position: position, revisitS: revisit))
                    result.poiLocations.append(location)
                }
            } else {
                let polygon = self.polygon(geometry, location: location, log: &log)
                switch kind {
                case "boundary":
                    if let first = boundaryLocation {
                        log.add(file, location, "a second boundary, expected exactly one (the first is \(first))")
                        continue
                    }
                    boundaryLocation = location
                    if let polygon { result.site.boundary = polygon }
                case "building":
                    let height = properties.number("height_m", .positive(upTo: 1_000), log: &log)
                    if let polygon, let height {
                        result.site.buildings.append(Building(footprint: polygon, heightM: height))
                    }
                case "no_fly":
                    if let polygon { result.site.noFlyZones.append(polygon) }
                case "keep_out":
                    if let polygon { result.site.keepOutZones.append(polygon) }
                default:
                    let weight = properties.number("weight", NumberRange(lower: 1, upper: 100), log: &log)
                    let density = properties.optionalNumber("expected_density_ppm2", .nonNegative(upTo: 10), log: &log)
                    if let id, let polygon, let weight {
                        result.site.hotspots.append(Hotspot(id: id, area: polygon, weight: weight,
                                                            expectedDensityPPM2: density))
                    }
                }
            }
        }
        if boundaryLocation == nil {
            log.add(file, "features", "no feature of kind \"boundary\", expected exactly one (a Polygon)")
        }
        return result
    }

    /// A `Point` geometry in local metres.
    private func point(_ geometry: ObjectReader, log: inout ProblemLog) -> Point2? {
        guard geometryType(geometry, expected: "Point", log: &log),
              let coordinates = geometry.array("coordinates", required: true, limit: 3, log: &log) else { return nil }
        return position(coordinates, location: geometry.memberPath("coordinates"), log: &log)
    }

    /// A `Polygon` geometry in local metres: one closed, simple ring of at least three distinct points.
    private func polygon(_ geometry: ObjectReader, location: String, log: inout ProblemLog) -> Polygon? {
        guard geometryType(geometry, expected: "Polygon", log: &log),
              let rings = geometry.array("coordinates", required: true, limit: 64, log: &log) else { return nil }
        let ringPath = geometry.memberPath("coordinates") + "[0]"
        guard rings.count == 1 else {
            log.add(file, geometry.memberPath("coordinates"),
                    rings.isEmpty ? "expected one ring" : "polygon with holes, expected a single exterior ring")
            return nil
        }
        guard case .array(let positions) = rings[0] else {
            log.add(file, ringPath, "expected an array of [longitude, latitude] positions")
            return nil
        }
        guard positions.count <= Self.maxRingPoints + 1 else {
            log.add(file, ringPath, "ring of \(positions.count) positions, expected at most \(Self.maxRingPoints + 1)")
            return nil
        }
        var points: [Point2] = []
        var raw: [[Double]] = []
        for (index, element) in positions.enumerated() {
            guard case .array(let pair) = element, pair.count <= 3,
                  let point = position(pair, location: "\(ringPath)[\(index)]", log: &log) else { return nil }
            points.append(point)
            raw.append(pair.prefix(2).compactMap { if case .number(let value) = $0 { value } else { nil } })
        }
        guard points.count >= 4 else {
            log.add(file, ringPath, "ring of \(points.count) positions, expected at least 4 (a triangle and the "
                    + "repeated first position)")
            return nil
        }
        guard raw.first == raw.last else {
            log.add(file, ringPath, "unclosed ring: the last position must repeat the first (GeoJSON, RFC 7946)")
            return nil
        }
        let polygon = Polygon(points: Array(points.dropLast()))
        if let (first, second) = polygon.firstSelfIntersection {
            log.add(file, location, "self-intersecting polygon: edge \(first) crosses edge \(second), expected a "
                    + "simple ring")
            return nil
        }
        guard polygon.areaM2 > 0 else {
            log.add(file, location, "polygon of zero area")
            return nil
        }
        return polygon
    }

    private func geometryType(_ geometry: ObjectReader, expected: String, log: inout ProblemLog) -> Bool {
        guard case .string(let type) = geometry.members["type"], type == expected else {
            log.add(file, geometry.memberPath("type"), "expected \"\(expected)\" for this kind")
            return false
        }
        return true
    }

    /// A `[longitude, latitude]` position in local metres.
    private func position(_ pair: [JSONValue], location: String, log: inout ProblemLog) -> Point2? {
        guard pair.count >= 2, case .number(let longitude) = pair[0], case .number(let latitude) = pair[1],
              (-180...180).contains(longitude), (-90...90).contains(latitude) else {
            log.add(file, location, "expected [longitude, latitude] in degrees (longitude in [-180, 180], latitude "
                    + "in [-90, 90])")
            return nil
        }
        let local = frame.local(GeoPoint(latitudeDeg: latitude, longitudeDeg: longitude))
        guard local.length <= Self.maxDistanceM else {
            log.add(file, location, "position \(Int(local.length)) m from the mission origin, expected within "
                    + "\(Int(Self.maxDistanceM)) m")
            return nil
        }
        return local
    }
}
