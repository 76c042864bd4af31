import Foundation
import PatrolTestKit
import Testing
@testable import PatrolCore

/// Every map of the patrolling_sim dataset through the ROS map and graph loaders, as a mission of two
/// robots docked on the first two nodes.
@Suite struct PatrollingSimDatasetTests {
    static let maps = ["1r5", "DIAG_floor1", "DIAG_labs", "broughton", "ctcv", "cumberland", "example", "grid",
                       "move_base_arena"]

    @Test(arguments: maps)
    func datasetMapLoadsWithEveryGraphNodeOnFreeReachableGround(name: String) throws {
        let source = Fixtures.patrollingSimMap(name)
        guard FileManager.default.fileExists(atPath: source.path) else {
            print("skipped \(name): no patrolling_sim dataset at \(source.path)")
            return
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("patrolcore-dataset-\(name)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The dataset's ctcv.yaml names its image ctcv_map.pgm while the file is ctcv.pgm.
        let yaml = try String(contentsOf: directory.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        if let image = yaml.split(separator: "\n").first(where: { $0.hasPrefix("image:") })?
            .dropFirst("image:".count).trimmingCharacters(in: .whitespaces), image != "\(name).pgm" {
            try FileManager.default.copyItem(at: directory.appendingPathComponent("\(name).pgm"),
                                             to: directory.appendingPathComponent(image))
        }
        // Dock the robots on the first two graph nodes.
        var log = ProblemLog()
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("\(name).graph")))
        let graph = try #require(PatrolGraphDecoder(file: "\(name).graph").decode(bytes, log: &log))
        #expect(log.isEmpty, "\(log.problems)")
        let robot: (Int) -> [String: Any] = { index in
            ["id": "robot-\(index)", "kind": "robot", "speed_mps": 1, "endurance_s": 86_400, "dock": "dock-\(index)",
             "camera": ["fov_deg": 360, "range_m": 3, "pitch_deg": 0, "altitude_m": 0.5]]
        }
        let mission: [String: Any] = [
            "name": name, "site": "\(name).yaml", "graph": "\(name).graph", "origin": ["lat": 45.59, "lon": 84.87],
            "cell_m": 0.25, "policy": ["revisit_s": 300],
            "docks": (0..<2).map { ["id": "dock-\($0)", "x": graph.nodes[$0].x, "y": graph.nodes[$0].y] },
            "fleet": [robot(0), robot(1)],
        ]
        try JSONSerialization.data(withJSONObject: mission).write(to: directory.appendingPathComponent("mission.json"))
        let loaded: Mission
        do {
            loaded = try Mission.load(from: directory)
        } catch {
            Issue.record("\(name): \(error.problems.prefix(8).map(\.description).joined(separator: "\n"))")
            return
        }
        #expect(loaded.site.occupancy != nil && loaded.site.graph?.nodes.count == graph.nodes.count)

        // At 0.25 m cells, a robot starting on node 0 can drive to every node: rasterizing walls
        // conservatively (any occupied pixel blocks its cell) closes no door of the dataset's maps.
        let grid = SiteGrid(mission: loaded)
        let start = try #require(grid.nearestTraversableCell(to: graph.nodes[0], withinM: 0.5))
        let reached = grid.robotReachableCells(from: [start])
        let unreachable = graph.nodes.indices.filter { node in
            guard let cell = grid.nearestTraversableCell(to: graph.nodes[node], withinM: 0.5) else { return true }
            return !reached[cell]
        }
        #expect(unreachable.isEmpty, "\(name): nodes \(unreachable) cannot be reached from node 0")
    }
}
