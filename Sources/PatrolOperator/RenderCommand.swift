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
        // Large sites and large pictures take seconds: show each stage on stderr.
        let progress = PatrolCLI.Progress("rendering \(URL(fileURLWithPath: path).lastPathComponent)")
        let stages = Double(2 + [png, svg, geojson].compactMap { $0 }.count)
        var done = 0.0
        func advance(_ status: String) {
            done += 1
            progress.update(fraction: done / stages, status: status)
        }
        let mission = try Mission.load(from: URL(fileURLWithPath: path))
        let renderer = SiteRenderer(mission: mission, mapLongSidePx: sizePx)
        advance("site model and camera visibility")
        let scene = renderer.renderSite()
        advance("scene")
        var written: [String] = []
        if let png {
            try scene.writePNG(to: URL(fileURLWithPath: png))
            written.append(png)
            advance("wrote \(png)")
        }
        if let svg {
            try scene.writeSVG(to: URL(fileURLWithPath: svg))
            written.append(svg)
            advance("wrote \(svg)")
        }
        if let geojson {
            try renderer.siteGeoJSON().write(to: URL(fileURLWithPath: geojson))
            written.append(geojson)
            advance("wrote \(geojson)")
        }
        progress.finish()
        for file in written { print("wrote \(file)") }
        let area = renderer.area
        print("\(mission.name): \(area.grid.width)x\(area.grid.height) cells of \(area.grid.cellM) m, "
            + "\(area.cells.count) patrol cells, "
            + String(format: "blind share %.1f%% (weighted %.1f%%), %.2f s", area.blindShare * 100,
                     area.weightedBlindShare * 100, Date().timeIntervalSince(started)))
        return 0
    }
}
