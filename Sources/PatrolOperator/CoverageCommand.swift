import Foundation
import PatrolCLI
import PatrolCore
import PatrolRender
import PatrolWire

/// `patrolctl coverage [--png map.png] [--geojson blind.geojson] [--mission DIR] [--json] [--hub EP]`: the hub's
/// live coverage map as a staleness picture and its blind spots as WGS84 GeoJSON.
public enum CoverageCommand {
    public static let usage = """
        usage: patrolctl coverage [--png map.png] [--geojson blind.geojson] [--mission DIR] [--json] \
        \(LiveCommands.hubUsage)
          prints the live coverage metrics; --png draws the map (idleness / revisit target per cell),
          --geojson writes its blind spots. Drawing needs the mission folder: --mission, else Missions/NAME
          or NAME in the current directory, NAME being the hub's mission.
        """

    private struct Document: Encodable {
        var hubTimeMS: Int64
        var width: UInt32
        var height: UInt32
        var cellM: Double
        var metrics: PatrolMetrics

        enum CodingKeys: String, CodingKey {
            case hubTimeMS = "hub_time_ms", width, height, cellM = "cell_m", metrics
        }
    }

    /// - Returns: 0 when the map was fetched and every requested file written.
    /// - Throws: `UsageError`, `OperatorClientError`, `MissionError` or `RenderError`, each naming the thing.
    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let json = arguments.flag("--json")
        let png = try arguments.option("--png")
        let geojson = try arguments.option("--geojson")
        let missionPath = try arguments.option("--mission")
        let client = try LiveCommands.client(&arguments)
        let wantsCells = png != nil || geojson != nil
        guard case .coverage(let map) = try client.request(.coverage(CoverageRequest(includeCells: wantsCells))) else {
            throw LiveCommands.unexpected(client, "coverage")
        }
        if json {
            try LiveCommands.printJSON(Document(hubTimeMS: map.hubTimeMS, width: map.width, height: map.height,
                                                cellM: map.cellM, metrics: map.metrics))
        } else {
            print("map \(map.width) x \(map.height) cells of \(LiveCommands.format(map.cellM)) m; coverage "
                  + "\(LiveCommands.format(map.metrics.coverageFraction * 100))%, avg idleness "
                  + "\(LiveCommands.format(map.metrics.avgIdlenessS)) s, worst "
                  + "\(LiveCommands.format(map.metrics.worstIdlenessS)) s, worst ratio "
                  + "\(LiveCommands.format(map.metrics.worstRatio, 2))")
        }
        guard wantsCells else { return 0 }
        guard case .status(let status) = try client.request(.status) else {
            throw LiveCommands.unexpected(client, "status")
        }
        let mission = try loadMission(explicit: missionPath, name: status.missionName)
        let area = PatrolArea(mission: mission)
        guard area.grid.width == Int(map.width), area.grid.height == Int(map.height) else {
            throw UsageError("mission '\(mission.directory.path)' has a \(area.grid.width) x \(area.grid.height) grid, "
                             + "the hub's map is \(map.width) x \(map.height): pass the hub's mission with --mission")
        }
        let idleness = try map.cellIdlenessS()
        let drawing = StalenessDrawing(
            cellCount: idleness.count, cells: area.cells,
            idlenessS: area.cells.map { idleness[$0] == UInt32.max ? -1 : Double(idleness[$0]) },
            revisitTargetsS: area.revisitTargetsS, timeS: Double(status.uptimeS))
        let renderer = SiteRenderer(mission: mission, area: area)
        if let png {
            try renderer.renderCoverage(drawing).writePNG(to: URL(fileURLWithPath: png))
            print("wrote \(png)")
        }
        if let geojson {
            try renderer.coverageGeoJSON(drawing).write(to: URL(fileURLWithPath: geojson))
            print("wrote \(geojson)")
        }
        return 0
    }

    private static func loadMission(explicit: String?, name: String) throws -> Mission {
        if let explicit { return try Mission.load(from: URL(fileURLWithPath: explicit)) }
        let candidates = ["Missions/\(name)", name]
        for path in candidates where FileManager.default.fileExists(atPath: path + "/mission.json") {
            return try Mission.load(from: URL(fileURLWithPath: path))
        }
        throw UsageError("cannot find the folder of mission '\(name)' (tried \(candidates.joined(separator: ", "))); "
                         + "pass --mission DIR")
    }
}
