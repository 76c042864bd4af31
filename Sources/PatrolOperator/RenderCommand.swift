import Foundation
import PatrolCLI
import PatrolCore
import PatrolRender

/// `patrolctl render MISSION [--png site.png] [--svg site.svg] [--geojson site.geojson]`: the site, its fixed
/// cameras and its static blind spots as pictures and as WGS84 GeoJSON.
public enum RenderCommand {
    public static let usage = """
        usage: patrolctl render MISSION [--png site.png] [--svg site.svg] [--geojson site.geojson] [--size PX]
          draws the site, fixed cameras with their fields of view and the static blind spots;
          with no output option, writes site.png in the current directory.
          --size PX   pixels on the long side of the map area (default 1000)
        """

    /// - Returns: 0 when every requested file was written.
    /// - Throws: `UsageError` on bad arguments; `MissionError` when the mission does not load;
    ///   `RenderError` when a file cannot be written.
    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() {
            print(usage)
            return 0
        }
        var png = try arguments.option("--png")
        let svg = try arguments.option("--svg")
        let geojson = try arguments.option("--geojson")
        let sizePx = try arguments.intOption("--size", in: 200...8000) ?? 1000
        let path = try arguments.positional("MISSION")
        try arguments.finish()
        if png == nil && svg == nil && geojson == nil { png = "site.png" }

        let started = Date()
        let mission = try Mission.load(from: URL(fileURLWithPath: path))
        let renderer = SiteRenderer(mission: mission, mapLongSidePx: sizePx)
        let scene = renderer.renderSite()
        if let png {
            try scene.writePNG(to: URL(fileURLWithPath: png))
            print("wrote \(png)")
        }
        if let svg {
            try scene.writeSVG(to: URL(fileURLWithPath: svg))
            print("wrote \(svg)")
        }
        if let geojson {
            try renderer.siteGeoJSON().write(to: URL(fileURLWithPath: geojson))
            print("wrote \(geojson)")
        }
        let area = renderer.area
        print("\(mission.name): \(area.grid.width)x\(area.grid.height) cells of \(area.grid.cellM) m, "
            + "\(area.cells.count) patrol cells, "
            + String(format: "blind share %.1f%% (weighted %.1f%%), %.2f s", area.blindShare * 100,
                     area.weightedBlindShare * 100, Date().timeIntervalSince(started)))
        return 0
    }
}
