import Foundation
import PatrolCore
@testable import PatrolSim
import Testing

/// A small mission written to a temporary folder as real mission.json and site.geojson files: a 120 x 90 m
/// square with one building, one fixed camera, a hotspot, two docks, two drones and a robot. Small enough
/// that a simulated minute takes well under a second in a debug build.
enum TinyMission {
    static let origin = GeoPoint(latitudeDeg: 45.59, longitudeDeg: 84.87)

    /// Writes the mission and returns its folder.
    /// - Parameters:
    ///   - pedestrians: `sim.pedestrians`.
    ///   - faults: `sim.faults` entries as JSON objects.
    static func write(pedestrians: Int = 0, faults: [[String: Any]] = [],
                      incidents: [[String: Any]]? = nil) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("patrolsim-tiny-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let frame = LocalFrame(origin: origin)
        func ring(_ points: [(Double, Double)]) -> [[[Double]]] {
            var coordinates = points.map { point -> [Double] in
                let geo = frame.geo(Point2(x: point.0, y: point.1))
                return [geo.longitudeDeg, geo.latitudeDeg]
            }
            coordinates.append(coordinates[0])
            return [coordinates]
        }
        func point(_ x: Double, _ y: Double) -> [Double] {
            let geo = frame.geo(Point2(x: x, y: y))
            return [geo.longitudeDeg, geo.latitudeDeg]
        }
        func feature(_ properties: [String: Any], _ geometry: [String: Any]) -> [String: Any] {
            ["type": "Feature", "properties": properties, "geometry": geometry]
        }
        let features: [[String: Any]] = [
            feature(["kind": "boundary"], ["type": "Polygon", "coordinates": ring([(-60, -45), (60, -45), (60, 45), (-60, 45)])]),
            feature(["kind": "building", "height_m": 10],
                    ["type": "Polygon", "coordinates": ring([(-10, -10), (10, -10), (10, 10), (-10, 10)])]),
            feature(["kind": "hotspot", "id": "stage", "weight": 2, "expected_density_ppm2": 1.0],
                    ["type": "Polygon", "coordinates": ring([(25, 15), (45, 15), (45, 35), (25, 35)])]),
            feature(["kind": "camera", "id": "cam-1", "heading_deg": 45, "fov_deg": 60, "range_m": 30, "height_m": 6],
                    ["type": "Point", "coordinates": point(-55, -40)]),
            feature(["kind": "dock", "id": "dock-a"], ["type": "Point", "coordinates": point(-50, 35)]),
            feature(["kind": "dock", "id": "dock-b"], ["type": "Point", "coordinates": point(50, -35)]),
        ]
        let site: [String: Any] = ["type": "FeatureCollection", "features": features]
        try JSONSerialization.data(withJSONObject: site).write(to: directory.appendingPathComponent("site.geojson"))

        func device(_ id: String, _ kind: String, _ speed: Double, _ dock: String, _ range: Double, _ pitch: Double,
                    _ altitude: Double) -> [String: Any] {
            ["id": id, "kind": kind, "speed_mps": speed, "endurance_s": 1200, "dock": dock,
             "camera": ["fov_deg": 80, "range_m": range, "pitch_deg": pitch, "altitude_m": altitude]]
        }
        let mission: [String: Any] = [
            "name": "tiny", "site": "site.geojson", "origin": ["lat": origin.latitudeDeg, "lon": origin.longitudeDeg],
            "cell_m": 2,
            "fleet": [device("drone-1", "drone", 8, "dock-a", 30, 60, 25), device("drone-2", "drone", 8, "dock-b", 30, 60, 25),
                      device("robot-1", "robot", 1.5, "dock-b", 15, 10, 1.5)],
            "policy": ["revisit_s": 60, "cross_patrol": false],
            "sim": ["pedestrians": pedestrians,
                    "incidents": incidents ?? [["kind": "fall", "x": 40, "y": -30, "start_s": 5, "duration_s": 60]],
                    "faults": faults],
        ]
        try JSONSerialization.data(withJSONObject: mission).write(to: directory.appendingPathComponent("mission.json"))
        return directory
    }
}

/// A 15 s run of the tiny mission that records a replay, and its page.
struct TinyReplay {
    let recorder: ReplayRecorder
    let html: String

    init() throws {
        let mission = try Mission.load(from: try TinyMission.write())
        var options = SimulationOptions()
        options.durationS = 15
        options.recordReplay = true
        let simulation = try Simulation(mission: mission, options: options)
        defer { simulation.close() }
        let report = try simulation.run()
        recorder = try #require(simulation.replay)
        html = ReplayPage.html(mission: mission, recorder: recorder, report: report, grid: simulation.grid)
    }
}
