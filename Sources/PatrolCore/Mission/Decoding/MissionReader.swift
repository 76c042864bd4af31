import Foundation

/// Reads a mission folder into a `Mission`, recording every problem it finds instead of stopping at the
/// first: structure and ranges of mission.json, the site file (GeoJSON or ROS map), the patrol graph,
/// then the checks across files (docks, cameras, devices, faults) and, when all that holds, whether the
/// fleet has anything to patrol.
struct MissionReader {
    static let missionFile = "mission.json"
    static let maxMissionBytes = 1 << 20
    static let maxFleet = 1000
    static let maxGridCells = 16 << 20
    /// A site given only as a patrol graph extends this far beyond its outermost nodes, metres.
    static let graphSiteMarginM = 2.0
    static let missionKeys: Set<String> = [
        "name", "description", "site", "origin", "cell_m", "fleet", "policy", "sim", "graph", "docks", "wall_height_m",
    ]

    let directory: URL
    var log = ProblemLog()
    /// Every `fleet[].dock` that decoded, with its path, for the cross check against the site's docks.
    private var dockReferences: [(id: String, path: String)] = []

    init(directory: URL) {
        self.directory = directory
    }

    /// Where the decoded site's point features came from, for cross-file messages.
    private struct SiteOrigins {
        var file: String
        var cameraLocations: [String] = []
        var dockLocations: [String] = []
        var poiLocations: [String] = []
        var idLocations: [String: String] = [:]
    }

    mutating func read() -> Mission? {
        let file = Self.missionFile
        guard let document = log.readJSON(directory.appendingPathComponent(file), name: file,
                                          limitBytes: Self.maxMissionBytes),
              let root = ObjectReader(document, path: "$", file: file, log: &log) else { return nil }
        root.rejectUnknownKeys(Self.missionKeys, log: &log)

        let name = root.string("name", log: &log)
        _ = root.optionalString("description", log: &log)
        let origin = readOrigin(root)
        let cellM = root.number("cell_m", NumberRange(lower: 0.05, upper: 100), log: &log)
        let wallHeightM = root.optionalNumber("wall_height_m", .positive(upTo: 1_000), log: &log)
        let fleet = readFleet(root)
        let policy = readPolicy(root)
        // Without a valid origin, site geometry is still checked (structure, closure, simplicity) about (0, 0).
        let frame = LocalFrame(origin: origin ?? GeoPoint(latitudeDeg: 0, longitudeDeg: 0))
        var site: Site?
        var origins = SiteOrigins(file: file)
        if let siteName = root.string("site", log: &log, expected: "the site file name") {
            (site, origins) = readSite(siteName, frame: frame)
        }
        if let graphName = root.optionalString("graph", log: &log, expected: "the graph file name") {
            let graph = readGraph(graphName)
            site?.graph = graph
        }
        if var decoded = site {
            readExtraDocks(root, frame: frame, site: &decoded, origins: &origins)
            site = decoded
        }
        let sim = readSim(root, frame: frame, site: site, fleet: fleet.devices)
        if let site {
            checkPointFeatures(site, origins)
            checkDocks(site, origins)
            checkFleetDocks(site)
            checkGraph(site)
        }

        guard let name, let origin, let cellM, fleet.isComplete, let policy, let site, log.isEmpty else { return nil }
        var mission = Mission(name: name, directory: directory, origin: origin, cellM: cellM, site: site,
                              fleet: fleet.devices, policy: policy, sim: sim)
        if let wallHeightM { mission.wallHeightM = wallHeightM }
        checkPatrolArea(mission)
        return log.isEmpty ? mission : nil
    }

    // MARK: mission.json

    private mutating func readOrigin(_ root: ObjectReader) -> GeoPoint? {
        guard let object = root.object("origin", required: true, log: &log) else { return nil }
        object.rejectUnknownKeys(["lat", "lon"], log: &log)
        let lat = object.number("lat", NumberRange(lower: -89, upper: 89), log: &log)
        let lon = object.number("lon", NumberRange(lower: -180, upper: 180), log: &log)
        guard let lat, let lon else { return nil }
        return GeoPoint(latitudeDeg: lat, longitudeDeg: lon)
    }

    /// The devices that decoded, and whether that is all of them (the others still get their docks checked).
    private mutating func readFleet(_ root: ObjectReader) -> (devices: [FleetDevice], isComplete: Bool) {
        guard let entries = root.array("fleet", required: true, limit: Self.maxFleet, log: &log) else {
            return ([], false)
        }
        if entries.isEmpty { log.add(root.file, "$.fleet", "empty fleet, expected at least one device") }
        var devices: [FleetDevice] = []
        var firstIndex: [String: Int] = [:]
        var complete = true
        for (index, entry) in entries.enumerated() {
            guard let object = ObjectReader(entry, path: "$.fleet[\(index)]", file: root.file, log: &log) else {
                complete = false
                continue
            }
            object.rejectUnknownKeys(["id", "kind", "speed_mps", "endurance_s", "dock", "camera"], log: &log)
            let id = object.string("id", log: &log)
            if let id {
                if let first = firstIndex[id] {
                    log.add(root.file, object.memberPath("id"), "duplicate device id \"\(id)\", already used by "
                            + "$.fleet[\(first)]")
                } else {
                    firstIndex[id] = index
                }
            }
            var kind: DeviceKind?
            if let text = object.string("kind", log: &log, expected: "drone or robot") {
                kind = DeviceKind(rawValue: text)
                if kind == nil {
                    log.add(root.file, object.memberPath("kind"), "unknown kind \"\(text)\", expected drone or robot")
                }
            }
            let speed = object.number("speed_mps", .positive(upTo: 50), log: &log)
            let endurance = object.number("endurance_s", .positive(upTo: 86_400), log: &log)
            let dock = object.string("dock", log: &log, expected: "the id of a dock")
            if let dock { dockReferences.append((dock, object.memberPath("dock"))) }
            let camera = readCamera(object, kind: kind)
            guard let id, let kind, let speed, let endurance, let dock, let camera else {
                complete = false
                continue
            }
            devices.append(FleetDevice(id: id, kind: kind, speedMPS: speed, enduranceS: endurance, dockID: dock,
                                       camera: camera))
        }
        return (devices, complete)
    }

    private mutating func readCamera(_ device: ObjectReader, kind: DeviceKind?) -> CameraSpec? {
        guard let object = device.object("camera", required: true, log: &log) else { return nil }
        object.rejectUnknownKeys(["fov_deg", "range_m", "pitch_deg", "altitude_m"], log: &log)
        let fov = object.number("fov_deg", .positive(upTo: 360), log: &log)
        let range = object.number("range_m", .positive(upTo: 1_000), log: &log)
        let pitch = object.number("pitch_deg", NumberRange(lower: 0, upper: 90), log: &log)
        // Drones must say how high they fly; robots default to a typical 1.5 m camera mast.
        let altitude = kind == .robot
            ? object.optionalNumber("altitude_m", .nonNegative(upTo: 500), log: &log) ?? 1.5
            : object.number("altitude_m", .positive(upTo: 500), log: &log)
        guard let fov, let range, let pitch, let altitude else { return nil }
        return CameraSpec(fovDeg: fov, rangeM: range, pitchDeg: pitch, altitudeM: altitude)
    }

    private mutating func readPolicy(_ root: ObjectReader) -> Policy? {
        guard let object = root.object("policy", required: true, log: &log) else { return nil }
        object.rejectUnknownKeys([
            "revisit_s", "revisit_s_by_weight", "cross_patrol", "crowd_density_alert_ppm2", "crowd_density_sustain_s",
            "stale_alert_factor", "stale_alert_min_weight", "battery_reserve_fraction",
        ], log: &log)
        var policy = Policy()
        guard let revisit = object.number("revisit_s", .positive(upTo: 86_400), log: &log) else { return nil }
        policy.revisitS = revisit
        if let byWeight = object.object("revisit_s_by_weight", required: false, log: &log) {
            for key in byWeight.keys {
                guard let weight = Int(key), (1...100).contains(weight) else {
                    log.add(root.file, byWeight.memberPath(key), "expected a whole hotspot weight from 1 to 100 as key")
                    continue
                }
                if let seconds = byWeight.number(key, .positive(upTo: 86_400), log: &log) {
                    policy.revisitSByWeight[weight] = seconds
                }
            }
        }
        if let value = object.optionalBool("cross_patrol", log: &log) { policy.crossPatrol = value }
        if let value = object.optionalNumber("crowd_density_alert_ppm2", .positive(upTo: 20), log: &log) {
            policy.crowdDensityAlertPPM2 = value
        }
        if let value = object.optionalNumber("crowd_density_sustain_s", .nonNegative(upTo: 3_600), log: &log) {
            policy.crowdDensitySustainS = value
        }
        if let value = object.optionalNumber("stale_alert_factor", NumberRange(lower: 1, upper: 100), log: &log) {
            policy.staleAlertFactor = value
        }
        if let value = object.optionalNumber("stale_alert_min_weight", NumberRange(lower: 1, upper: 100), log: &log) {
            policy.staleAlertMinWeight = value
        }
        if let value = object.optionalNumber("battery_reserve_fraction", .nonNegative(upTo: 0.9), log: &log) {
            policy.batteryReserveFraction = value
        }
        return policy
    }

    /// A position given as local `x`, `y` metres or as `lat`, `lon` degrees.
    private mutating func readPosition(_ object: ObjectReader, frame: LocalFrame) -> Point2? {
        if object.has("lat") || object.has("lon") {
            let lat = object.number("lat", NumberRange(lower: -90, upper: 90), log: &log)
            let lon = object.number("lon", NumberRange(lower: -180, upper: 180), log: &log)
            guard let lat, let lon else { return nil }
            let point = frame.local(GeoPoint(latitudeDeg: lat, longitudeDeg: lon))
            guard point.length <= GeoJSONSiteDecoder.maxDistanceM else {
                log.add(object.file, object.path, "position farther than 50 km from the origin")
                return nil
            }
            return point
        }
        let range = NumberRange(lower: -GeoJSONSiteDecoder.maxDistanceM, upper: GeoJSONSiteDecoder.maxDistanceM)
        let x = object.number("x", range, log: &log)
        let y = object.number("y", range, log: &log)
        guard let x, let y else { return nil }
        return Point2(x: x, y: y)
    }

    // MARK: Site files

    private mutating func readSite(_ name: String, frame: LocalFrame) -> (Site?, SiteOrigins) {
        let missionFile = Self.missionFile
        guard let file = MissionPaths.relativeFile(name) else {
            log.add(missionFile, "$.site", "expected a file name inside the mission folder, got \"\(name)\"")
            return (nil, SiteOrigins(file: missionFile))
        }
        let lowered = file.lowercased()
        if lowered.hasSuffix(".geojson") || lowered.hasSuffix(".json") {
            guard let document = log.readJSON(directory.appendingPathComponent(file), name: file,
                                              limitBytes: GeoJSONSiteDecoder.maxBytes),
                  let result = GeoJSONSiteDecoder(file: file, frame: frame).decode(document, log: &log) else {
                return (nil, SiteOrigins(file: file))
            }
            return (result.site, SiteOrigins(file: file, cameraLocations: result.cameraLocations,
                                             dockLocations: result.dockLocations, poiLocations: result.poiLocations,
                                             idLocations: result.idLocations))
        }
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            guard let map = ROSMapDecoder(directory: directory, file: file).decode(log: &log) else {
                return (nil, SiteOrigins(file: file))
            }
            let low = map.origin
            let high = Point2(x: low.x + Double(map.width) * map.resolutionM,
                              y: low.y + Double(map.height) * map.resolutionM)
            let boundary = Polygon(points: [low, Point2(x: high.x, y: low.y), high, Point2(x: low.x, y: high.y)])
            return (Site(boundary: boundary, occupancy: map), SiteOrigins(file: file))
        }
        if lowered.hasSuffix(".graph") {
            // A bare patrol graph: the site is the graph's bounding box with a margin, with no obstacles.
            guard let graph = readGraph(file, path: "$.site") else { return (nil, SiteOrigins(file: file)) }
            var low = graph.nodes[0], high = graph.nodes[0]
            for node in graph.nodes {
                low = Point2(x: min(low.x, node.x), y: min(low.y, node.y))
                high = Point2(x: max(high.x, node.x), y: max(high.y, node.y))
            }
            let margin = Self.graphSiteMarginM
            low = low - Point2(x: margin, y: margin)
            high = high + Point2(x: margin, y: margin)
            let boundary = Polygon(points: [low, Point2(x: high.x, y: low.y), high, Point2(x: low.x, y: high.y)])
            return (Site(boundary: boundary, graph: graph), SiteOrigins(file: file))
        }
        log.add(missionFile, "$.site", "\"\(file)\" is neither GeoJSON (.geojson), a ROS map (.yaml) nor a "
                + "patrolling_sim graph (.graph)")
        return (nil, SiteOrigins(file: missionFile))
    }

    private mutating func readGraph(_ name: String, path: String = "$.graph") -> PatrolGraph? {
        guard let file = MissionPaths.relativeFile(name) else {
            log.add(Self.missionFile, path, "expected a file name inside the mission folder, got \"\(name)\"")
            return nil
        }
        guard let bytes = log.readFile(directory.appendingPathComponent(file), name: file,
                                       limitBytes: PatrolGraphDecoder.maxBytes) else { return nil }
        return PatrolGraphDecoder(file: file).decode(bytes, log: &log)
    }

    /// `docks` in mission.json: docks for sites whose file cannot hold them (ROS maps), or extra ones.
    private mutating func readExtraDocks(_ root: ObjectReader, frame: LocalFrame, site: inout Site,
                                         origins: inout SiteOrigins) {
        guard let entries = root.array("docks", required: false, limit: 1_000, log: &log) else { return }
        for (index, entry) in entries.enumerated() {
            guard let object = ObjectReader(entry, path: "$.docks[\(index)]", file: root.file, log: &log) else {
                continue
            }
            object.rejectUnknownKeys(["id", "x", "y", "lat", "lon"], log: &log)
            let id = object.string("id", log: &log)
            let position = readPosition(object, frame: frame)
            guard let id, let position else { continue }
            if let first = origins.idLocations[id] {
                log.add(root.file, object.path, "duplicate id \"\(id)\", already used by \(first)")
                continue
            }
            origins.idLocations[id] = "\(root.file) \(object.path)"
            site.docks.append(Dock(id: id, position: position))
            origins.dockLocations.append("\(object.path)")
        }
    }

    // MARK: sim

    /// The `sim` block; positions are checked against the boundary and ids against the site when it decoded.
    private mutating func readSim(_ root: ObjectReader, frame: LocalFrame, site: Site?,
                                  fleet: [FleetDevice]) -> SimSettings {
        guard let object = root.object("sim", required: false, log: &log) else { return SimSettings() }
        object.rejectUnknownKeys(["pedestrians", "incidents", "faults"], log: &log)
        var sim = SimSettings()
        if let count = object.integer("pedestrians", .nonNegative(upTo: 1_000_000), log: &log) {
            sim.pedestrians = count
        }
        let incidents = object.array("incidents", required: false, limit: 10_000, log: &log) ?? []
        for (index, entry) in incidents.enumerated() {
            guard let incident = ObjectReader(entry, path: "$.sim.incidents[\(index)]", file: root.file, log: &log)
            else { continue }
            incident.rejectUnknownKeys(["kind", "x", "y", "lat", "lon", "start_s", "duration_s"], log: &log)
            let kind = incident.string("kind", log: &log)
            let position = readPosition(incident, frame: frame)
            let start = incident.number("start_s", .nonNegative(upTo: 7 * 86_400), log: &log)
            let duration = incident.number("duration_s", .positive(upTo: 7 * 86_400), log: &log)
            if let position, let site, !site.boundary.points.isEmpty, !site.boundary.contains(position) {
                log.add(root.file, incident.path, "incident at \(Self.format(position)) is outside the site boundary")
            }
            guard let kind, let position, let start, let duration else { continue }
            sim.incidents.append(SimIncident(kind: kind, position: position, startS: start, durationS: duration))
        }
        let deviceIDs = Set(fleet.map(\.id)), cameraIDs = site.map { Set($0.cameras.map(\.id)) }
        for (index, entry) in (object.array("faults", required: false, limit: 10_000, log: &log) ?? []).enumerated() {
            guard let fault = ObjectReader(entry, path: "$.sim.faults[\(index)]", file: root.file, log: &log)
            else { continue }
            fault.rejectUnknownKeys(["kind", "device", "camera", "at_s", "duration_s", "rate"], log: &log)
            let kinds = SimFault.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            var kind: SimFault.Kind?
            if let text = fault.string("kind", log: &log, expected: "one of \(kinds)") {
                kind = SimFault.Kind(rawValue: text)
                if kind == nil {
                    log.add(root.file, fault.memberPath("kind"), "unknown fault \"\(text)\", expected one of \(kinds)")
                }
            }
            let device = fault.optionalString("device", log: &log)
            let camera = fault.optionalString("camera", log: &log)
            let at = fault.optionalNumber("at_s", .nonNegative(upTo: 7 * 86_400), log: &log) ?? 0
            let duration = fault.optionalNumber("duration_s", .positive(upTo: 7 * 86_400), log: &log)
            let isMessageFault = [.messageDrop, .messageDuplicate, .messageReorder].contains(kind)
            let rate = fault.optionalNumber("rate", .nonNegative(upTo: isMessageFault ? 1 : 1_000), log: &log)
            if let device, !deviceIDs.contains(device) {
                log.add(root.file, fault.memberPath("device"), "no fleet device \"\(device)\"")
            }
            if let camera, let cameraIDs, !cameraIDs.contains(camera) {
                log.add(root.file, fault.memberPath("camera"), "no site camera \"\(camera)\"")
            }
            switch kind {
            case .cameraOffline?:
                if camera == nil { log.add(root.file, fault.memberPath("camera"), "missing, expected a camera id") }
            case .deviceCrash?, .commLoss?, .batteryDrain?, .gpsNoise?:
                if device == nil { log.add(root.file, fault.memberPath("device"), "missing, expected a device id") }
            default:
                break
            }
            if [.batteryDrain, .gpsNoise].contains(kind) || isMessageFault, rate == nil, !fault.has("rate") {
                log.add(root.file, fault.memberPath("rate"), "missing, expected a rate for this fault")
            }
            guard let kind else { continue }
            sim.faults.append(SimFault(kind: kind, device: device, camera: camera, atS: at, durationS: duration,
                                       rate: rate))
        }
        return sim
    }

    // MARK: Checks across files

    /// Cameras and points of interest must lie inside the boundary.
    private mutating func checkPointFeatures(_ site: Site, _ origins: SiteOrigins) {
        // Without a valid boundary (already reported) every point would look outside it.
        guard !site.boundary.points.isEmpty else { return }
        for (camera, location) in zip(site.cameras, origins.cameraLocations)
        where !site.boundary.contains(camera.position) {
            log.add(origins.file, location, "camera \"\(camera.id)\" at \(Self.format(camera.position)) is outside "
                    + "the site boundary")
        }
        for (poi, location) in zip(site.pointsOfInterest, origins.poiLocations)
        where !site.boundary.contains(poi.position) {
            log.add(origins.file, location, "point of interest \"\(poi.id)\" at \(Self.format(poi.position)) is "
                    + "outside the site boundary")
        }
    }

    private mutating func checkDocks(_ site: Site, _ origins: SiteOrigins) {
        for (dock, location) in zip(site.docks, origins.dockLocations) {
            let file = location.hasPrefix("$") ? Self.missionFile : origins.file
            if !site.boundary.points.isEmpty && !site.boundary.contains(dock.position) {
                log.add(file, location, "dock \"\(dock.id)\" at \(Self.format(dock.position)) is outside the site "
                        + "boundary")
            } else if site.buildings.contains(where: { $0.footprint.contains(dock.position) }) {
                log.add(file, location, "dock \"\(dock.id)\" is inside a building, expected open ground")
            } else if let map = site.occupancy, map.isOccupied(at: dock.position) {
                log.add(file, location, "dock \"\(dock.id)\" is on an occupied cell of the map, expected free space")
            }
        }
    }

    private mutating func checkFleetDocks(_ site: Site) {
        for (dockID, path) in dockReferences where site.dock(id: dockID) == nil {
            let known = site.docks.map(\.id).joined(separator: ", ")
            log.add(Self.missionFile, path, "no dock \"\(dockID)\" in the site, expected "
                    + (known.isEmpty ? "a dock feature" : "one of \(known)"))
        }
    }

    private mutating func checkGraph(_ site: Site) {
        guard let graph = site.graph else { return }
        for (index, node) in graph.nodes.enumerated()
        where !site.boundary.points.isEmpty && !site.boundary.contains(node) {
            log.add(Self.missionFile, "$.graph", "node \(index) at \(Self.format(node)) is outside the site")
        }
        if let map = site.occupancy {
            for (index, node) in graph.nodes.enumerated() where map.isOccupied(at: node) {
                log.add(Self.missionFile, "$.graph", "node \(index) at \(Self.format(node)) is on an occupied cell")
            }
        }
        for (index, edges) in graph.edges.enumerated() {
            for edge in edges where !graph.edges[edge.to].contains(where: { $0.to == index }) {
                log.add(Self.missionFile, "$.graph", "edge \(index) -> \(edge.to) has no reverse edge, expected an "
                        + "undirected graph")
            }
        }
    }

    /// The grid must be of bounded size and leave the fleet something to patrol; robots must start where
    /// they can drive.
    private mutating func checkPatrolArea(_ mission: Mission) {
        let bounds = mission.site.boundary.bounds
        let cells = ((bounds.max.x - bounds.min.x) / mission.cellM).rounded(.up)
            * ((bounds.max.y - bounds.min.y) / mission.cellM).rounded(.up)
        guard cells <= Double(Self.maxGridCells) else {
            log.add(Self.missionFile, "$.cell_m", "the site needs \(Int(cells)) cells at \(mission.cellM) m, expected "
                    + "at most \(Self.maxGridCells); use a larger cell_m")
            return
        }
        let grid = SiteGrid(mission: mission)
        for (index, device) in mission.fleet.enumerated() where device.kind == .robot {
            if let dock = mission.site.dock(id: device.dockID),
               grid.nearestTraversableCell(to: dock.position, withinM: 2 * grid.cellM) == nil {
                log.add(Self.missionFile, "$.fleet[\(index)].dock", "robot \"\(device.id)\" docks at \"\(dock.id)\", "
                        + "which is not on ground a robot can drive (building, keep-out or occupied)")
            }
        }
        let area = PatrolArea(mission: mission, grid: grid, offlineCameras: [])
        if area.cells.isEmpty {
            log.add(Self.missionFile, "$.fleet",
                    "no reachable patrol cell: every open cell is seen by a fixed camera or out of the fleet's reach")
        }
    }

    static func format(_ point: Point2) -> String {
        String(format: "(%.1f, %.1f) m", point.x, point.y)
    }
}

extension OccupancyMap {
    /// Whether the pixel under a local point is occupied; points off the map count as occupied.
    public func isOccupied(at point: Point2) -> Bool {
        let col = ((point.x - origin.x) / resolutionM).rounded(.down)
        let row = ((point.y - origin.y) / resolutionM).rounded(.down)
        guard col >= 0, row >= 0, col < Double(width), row < Double(height) else { return true }
        return occupied[Int(row) * width + Int(col)]
    }
}
