import Foundation
import PatrolTestKit
import Testing
@testable import PatrolCore

/// A writable copy of a bundled mission in a fresh temporary folder, with helpers to break it.
private struct MissionCopy {
    let directory: URL

    init(_ name: String) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("patrolcore-\(name)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.mission(name), to: directory)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func json(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func write(_ file: String, _ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: directory.appendingPathComponent(file))
    }

    func write(_ file: String, text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(file))
    }

    /// Edits the `features` array of site.geojson.
    func editFeatures(_ edit: (inout [[String: Any]]) throws -> Void) throws {
        var site = try json("site.geojson")
        var features = try #require(site["features"] as? [[String: Any]])
        try edit(&features)
        site["features"] = features
        try write("site.geojson", site)
    }

    /// Edits mission.json.
    func editMission(_ edit: (inout [String: Any]) throws -> Void) throws {
        var mission = try json("mission.json")
        try edit(&mission)
        try write("mission.json", mission)
    }

    var problems: [MissionProblem] { MissionValidator.validate(directory: directory) }
}

private func index(of id: String, in features: [[String: Any]]) throws -> Int {
    try #require(features.firstIndex { ($0["properties"] as? [String: Any])?["id"] as? String == id })
}

private func kindIndex(_ kind: String, in features: [[String: Any]]) throws -> Int {
    try #require(features.firstIndex { ($0["properties"] as? [String: Any])?["kind"] as? String == kind })
}

/// Expects one problem in `file` whose location starts with `location` and whose message contains `words`.
private func expectProblem(_ problems: [MissionProblem], file: String, location: String, _ words: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let found = problems.contains {
        $0.file == file && $0.location.hasPrefix(location) && $0.message.localizedCaseInsensitiveContains(words)
    }
    #expect(found, "no \(file) \(location) \"\(words)\" among:\n\(problems.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
}

@Test func malformedJSONIsReportedWithItsLine() throws {
    let copy = try MissionCopy("plaza")
    defer { copy.remove() }
    var text = try String(contentsOf: copy.directory.appendingPathComponent("mission.json"), encoding: .utf8)
    // Break line 3 with a trailing comma inside an object.
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let original = text
    lines[2] += " ,,"
    text = lines.joined(separator: "\n")
    try copy.write("mission.json", text: text)
    expectProblem(copy.problems, file: "mission.json", location: "line 3", "malformed JSON")
    // Valid JSON with a repeated member name is a problem too: one of the two values would be ignored.
    let twice = original.replacingOccurrences(of: "\"cell_m\": 2,", with: "\"cell_m\": 2, \"cell_m\": 3,")
    try copy.write("mission.json", text: twice)
    expectProblem(copy.problems, file: "mission.json", location: "$.cell_m", "given twice")
}

@Test func selfIntersectingAndUnclosedPolygonsAreReportedByFeature() throws {
    let copy = try MissionCopy("plaza")
    defer { copy.remove() }
    var buildingIndex = 0, boundaryIndex = 0
    try copy.editFeatures { features in
        boundaryIndex = try kindIndex("boundary", in: features)
        var boundary = features[boundaryIndex]
        var geometry = try #require(boundary["geometry"] as? [String: Any])
        var ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
        ring.swapAt(1, 2)  // a bow tie
        geometry["coordinates"] = [ring]
        boundary["geometry"] = geometry
        features[boundaryIndex] = boundary

        buildingIndex = try kindIndex("building", in: features)
        var building = features[buildingIndex]
        var buildingGeometry = try #require(building["geometry"] as? [String: Any])
        var buildingRing = try #require((buildingGeometry["coordinates"] as? [[[Double]]])?.first)
        buildingRing.removeLast()  // no longer repeats the first position
        buildingGeometry["coordinates"] = [buildingRing]
        building["geometry"] = buildingGeometry
        features[buildingIndex] = building
    }
    let problems = copy.problems
    expectProblem(problems, file: "site.geojson", location: "features[\(boundaryIndex)]", "self-intersecting")
    expectProblem(problems, file: "site.geojson", location: "features[\(buildingIndex)]", "unclosed ring")
    // A broken boundary is one problem, not one more per camera and dock that now looks outside it.
    #expect(!problems.contains { $0.message.contains("outside the site boundary") })
    #expect(problems.count == 2, "\(problems)")
}

@Test func cameraOutsideBoundaryDockInBuildingUnknownKindAndDuplicateIdAreEachLocated() throws {
    let copy = try MissionCopy("plaza")
    defer { copy.remove() }
    var cameraIndex = 0, dockIndex = 0, oddIndex = 0, duplicateIndex = 0
    try copy.editFeatures { features in
        cameraIndex = try index(of: "cam-05", in: features)
        dockIndex = try index(of: "dock-n", in: features)
        oddIndex = try kindIndex("poi", in: features)
        let boundary = try #require((features[try kindIndex("boundary", in: features)]["geometry"]
            as? [String: Any])?["coordinates"] as? [[[Double]]])
        let pavilion = try #require((features[try kindIndex("building", in: features)]["geometry"]
            as? [String: Any])?["coordinates"] as? [[[Double]]])
        // Move cam-05 1 km east of the boundary's first corner, and dock-n into the pavilion's middle.
        let corner = boundary[0][0]
        features[cameraIndex]["geometry"] = ["type": "Point", "coordinates": [corner[0] + 0.013, corner[1]]]
        let middle = [(pavilion[0][0][0] + pavilion[0][2][0]) / 2, (pavilion[0][0][1] + pavilion[0][2][1]) / 2]
        features[dockIndex]["geometry"] = ["type": "Point", "coordinates": middle]
        var properties = try #require(features[oddIndex]["properties"] as? [String: Any])
        properties["kind"] = "helipad"
        features[oddIndex]["properties"] = properties
        var duplicate = features[try index(of: "cam-01", in: features)]
        var duplicateProperties = try #require(duplicate["properties"] as? [String: Any])
        duplicateProperties["id"] = "cam-02"
        duplicate["properties"] = duplicateProperties
        features.append(duplicate)
        duplicateIndex = features.count - 1
    }
    let problems = copy.problems
    expectProblem(problems, file: "site.geojson", location: "features[\(cameraIndex)]", "outside the site boundary")
    expectProblem(problems, file: "site.geojson", location: "features[\(dockIndex)]", "inside a building")
    expectProblem(problems, file: "site.geojson", location: "features[\(oddIndex)].properties.kind",
                  "unknown kind \"helipad\"")
    expectProblem(problems, file: "site.geojson", location: "features[\(duplicateIndex)]", "duplicate id \"cam-02\"")
}

@Test func missingAndOutOfRangeFieldsAndUnknownDocksAreReportedTogether() throws {
    let copy = try MissionCopy("plaza")
    defer { copy.remove() }
    try copy.editMission { mission in
        mission["cell_m"] = -2
        var fleet = try #require(mission["fleet"] as? [[String: Any]])
        fleet[1]["speed_mps"] = nil
        fleet[2]["dock"] = "dock-moon"
        var camera = try #require(fleet[3]["camera"] as? [String: Any])
        camera["pitch_deg"] = 120
        fleet[3]["camera"] = camera
        fleet[4]["id"] = fleet[0]["id"]
        mission["fleet"] = fleet
        mission["colour"] = "blue"
        var sim = try #require(mission["sim"] as? [String: Any])
        sim["faults"] = [["kind": "camera_offline", "camera": "cam-99", "at_s": 10],
                         ["kind": "battery_drain", "at_s": 10, "rate": 2]]
        mission["sim"] = sim
    }
    try copy.editFeatures { features in
        let building = try kindIndex("building", in: features)
        var properties = try #require(features[building]["properties"] as? [String: Any])
        properties["height_m"] = "tall"
        features[building]["properties"] = properties
    }
    let problems = copy.problems
    expectProblem(problems, file: "mission.json", location: "$.cell_m", "expected a number >= 0.05")
    expectProblem(problems, file: "mission.json", location: "$.fleet[1].speed_mps", "missing")
    expectProblem(problems, file: "mission.json", location: "$.fleet[2].dock", "no dock \"dock-moon\"")
    expectProblem(problems, file: "mission.json", location: "$.fleet[3].camera.pitch_deg", "got 120")
    expectProblem(problems, file: "mission.json", location: "$.colour", "unknown member")
    expectProblem(problems, file: "mission.json", location: "$.fleet[4].id", "duplicate device id")
    expectProblem(problems, file: "mission.json", location: "$.sim.faults[0].camera", "no site camera \"cam-99\"")
    expectProblem(problems, file: "mission.json", location: "$.sim.faults[1].device", "missing, expected a device id")
    expectProblem(problems, file: "site.geojson", location: "features[1].properties.height_m", "got a string")
    do {
        _ = try Mission.load(from: copy.directory)
        Issue.record("a broken mission loaded")
    } catch {
        #expect(error.problems == problems)
        #expect(error.description.contains("mission.json: $.cell_m:"))
    }
}

@Test func aSiteWhoseCamerasSeeEverythingHasNoReachablePatrolCell() throws {
    let copy = try MissionCopy("plaza")
    defer { copy.remove() }
    let frame = LocalFrame(origin: GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87))
    func position(_ x: Double, _ y: Double) -> [Double] {
        let geo = frame.geo(Point2(x: x, y: y))
        return [geo.longitudeDeg, geo.latitudeDeg]
    }
    let ring = [position(-20, -20), position(20, -20), position(20, 20), position(-20, 20), position(-20, -20)]
    let site: [String: Any] = ["type": "FeatureCollection", "features": [
        ["type": "Feature", "properties": ["kind": "boundary"], "geometry": ["type": "Polygon", "coordinates": [ring]]],
        ["type": "Feature", "properties": ["kind": "camera", "id": "dome", "heading_deg": 0, "fov_deg": 360,
                                           "range_m": 100, "height_m": 6],
         "geometry": ["type": "Point", "coordinates": position(0, 0)]],
        ["type": "Feature", "properties": ["kind": "dock", "id": "dock-sw"],
         "geometry": ["type": "Point", "coordinates": position(-15, -15)]],
        ["type": "Feature", "properties": ["kind": "dock", "id": "dock-ne"],
         "geometry": ["type": "Point", "coordinates": position(15, 15)]],
        ["type": "Feature", "properties": ["kind": "dock", "id": "dock-n"],
         "geometry": ["type": "Point", "coordinates": position(0, 15)]],
    ]]
    try copy.write("site.geojson", site)
    try copy.editMission { mission in mission["sim"] = nil }
    expectProblem(copy.problems, file: "mission.json", location: "$.fleet", "no reachable patrol cell")
}

@Test func hostileFilesAreRefusedWithBoundedWork() throws {
    let copy = try MissionCopy("grid-benchmark")
    defer { copy.remove() }
    // A PGM header claiming a gigapixel image, a graph naming a node that does not exist.
    try copy.write("grid.pgm", text: "P5\n100000 100000\n255\n")
    try copy.write("grid.graph", text: "2 10 10 0.1 0 0\n0 1 1 1 7 N 5\n1 2 2 0\n")
    let problems = copy.problems
    expectProblem(problems, file: "grid.pgm", location: "header", "expected sides of 1 to 8192")
    expectProblem(problems, file: "grid.graph", location: "node 0 neighbour 0", "from 0 to 1")

    // Deep nesting in JSON stops at the depth limit instead of overflowing the stack.
    let deep = String(repeating: "[", count: 100_000)
    try copy.write("mission.json", text: deep)
    expectProblem(copy.problems, file: "mission.json", location: "line 1", "nesting deeper than 64")

    // Files over their size limit are not read at all.
    let big = copy.directory.appendingPathComponent("mission.json")
    try Data(count: MissionReader.maxMissionBytes + 1).write(to: big)
    expectProblem(copy.problems, file: "mission.json", location: "file", "expected at most")
}

@Test func rosMapYAMLProblemsNameTheKey() throws {
    let copy = try MissionCopy("grid-benchmark")
    defer { copy.remove() }
    try copy.write("grid.yaml", text: "image: grid.pgm\nresolution: -1\norigin: [0.0, 0.0, 0.0]\nnegate: 2\n"
                   + "free_thresh: 0.19\n")
    let problems = copy.problems
    expectProblem(problems, file: "grid.yaml", location: "line 2 (resolution)", "expected a number > 0")
    expectProblem(problems, file: "grid.yaml", location: "line 4 (negate)", "expected 0 or 1")
    expectProblem(problems, file: "grid.yaml", location: "occupied_thresh", "missing key")
}

@Test func aBarePatrolGraphIsASite() throws {
    let copy = try MissionCopy("grid-benchmark")
    defer { copy.remove() }
    try copy.editMission { mission in
        mission["site"] = "grid.graph"
        mission["graph"] = nil
    }
    try FileManager.default.removeItem(at: copy.directory.appendingPathComponent("grid.yaml"))
    let mission = try Mission.load(from: copy.directory)
    let graph = try #require(mission.site.graph)
    #expect(graph.nodes.count == 25 && mission.site.occupancy == nil)
    // The boundary is the nodes' bounding box grown by the margin.
    let bounds = mission.site.boundary.bounds
    #expect(abs(bounds.min.x - (19 * 0.075 - 2)) < 1e-9 && abs(bounds.max.y - (325 * 0.075 + 2)) < 1e-9)
}

@Test func randomlyCorruptedFilesNeverCrashTheValidator() throws {
    let copy = try MissionCopy("plaza")
    defer { copy.remove() }
    let files = ["mission.json", "site.geojson"]
    let originals = try files.map { try Data(contentsOf: copy.directory.appendingPathComponent($0)) }
    var random = SeededRandom(seed: 2024)
    var rejected = 0
    let alphabet = Array("{}[]\",:.-0123456789eEtrufalsn \n\\".utf8)
    for _ in 0..<40 {
        let which = Int(random.next() % 2)
        var bytes = [UInt8](originals[which])
        for _ in 0..<(1 + random.next() % 4) {
            let position = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 3 {
            case 0: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
            case 1: bytes.remove(at: position)
            default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
            }
        }
        try Data(bytes).write(to: copy.directory.appendingPathComponent(files[which]))
        let problems = copy.problems
        if !problems.isEmpty { rejected += 1 }
        #expect(problems.allSatisfy { !$0.file.isEmpty && !$0.location.isEmpty && !$0.message.isEmpty })
        try originals[which].write(to: copy.directory.appendingPathComponent(files[which]))
    }
    // Most single-byte edits of JSON break it; some land in strings or numbers and still validate.
    #expect(rejected > 10)
}
