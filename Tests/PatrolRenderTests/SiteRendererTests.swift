import Foundation
import PatrolCore
@testable import PatrolRender
import PatrolTestKit
import Testing

@Suite("Site, plan and coverage pictures")
struct SiteRendererTests {
    static let plaza = Fixtures.mission("plaza")

    func renderer() throws -> SiteRenderer {
        // A smaller map than the command line draws keeps debug-build tests fast; the layout is the same.
        SiteRenderer(mission: try Mission.load(from: Self.plaza), mapLongSidePx: 500)
    }

    @Test("the plaza site renders to a large PNG that decodes, with its legend, and a matching SVG",
          .enabled(if: FileManager.default.fileExists(atPath: plaza.path), "Missions/plaza not present"))
    func sitePicture() throws {
        let renderer = try renderer()
        let scene = renderer.renderSite()
        let image = try PNGDecoder.decode(try scene.pngData())
        #expect(max(image.width, image.height) >= 800 && image.width >= 400 && image.height >= 300)
        // Some pixels carry the blind-spot orange and the camera blue tint: the layers were drawn.
        var colors = Set<RGBA>()
        for y in stride(from: 0, to: image.height, by: 2) {
            for x in stride(from: 0, to: image.width, by: 2) { colors.insert(image.pixel(x: x, y: y)) }
        }
        #expect(colors.count > 50)
        #expect(scene.legend.contains { $0.text.contains("blind spot") })
        #expect(scene.legend.contains { $0.text.contains("fixed camera") })
        #expect(scene.subtitle?.contains("blind share") == true)
        let svg = scene.svgDocument().render()
        #expect(svg.contains(renderer.mission.name))
        #expect(svg.contains("<clipPath"))
        #expect(xmlParses(svg))
    }

    @Test("static blind spots in GeoJSON are merged polygons whose areas add up to the patrol cells",
          .enabled(if: FileManager.default.fileExists(atPath: plaza.path), "Missions/plaza not present"))
    func blindSpotGeoJSON() throws {
        let renderer = try renderer()
        let polygons = renderer.staticBlindSpotPolygons()
        let cellArea = renderer.area.grid.cellM * renderer.area.grid.cellM
        let total = polygons.reduce(0) { $0 + $1.areaM2 }
        #expect(abs(total - Double(renderer.area.cells.count) * cellArea) < 1e-6)
        #expect(polygons.count < renderer.area.cells.count / 4)

        let json = try JSONSerialization.jsonObject(with: Data(renderer.siteGeoJSON().render().utf8)) as? [String: Any]
        let features = try #require(json?["features"] as? [[String: Any]])
        let blind = features.filter { ($0["properties"] as? [String: Any])?["kind"] as? String == "blind_spot" }
        let featureArea = blind.reduce(0.0) { $0 + (($1["properties"] as? [String: Any])?["area_m2"] as? Double ?? 0) }
        #expect(abs(featureArea - total) < 1)
        let cameras = features.filter { ($0["properties"] as? [String: Any])?["kind"] as? String == "camera" }
        #expect(cameras.count == renderer.mission.site.cameras.count)
    }

    @Test("a plan picture draws each route in its device's colour; its GeoJSON has one LineString per route",
          .enabled(if: FileManager.default.fileExists(atPath: plaza.path), "Missions/plaza not present"))
    func planPicture() throws {
        let renderer = try renderer()
        let bounds = renderer.mission.site.boundary.bounds
        let centre = (bounds.min + bounds.max) * 0.5
        let routes = [
            RouteDrawing(deviceID: "drone-1", kind: .drone, points: [centre, centre + Point2(x: 60, y: 0),
                                                                     centre + Point2(x: 60, y: 50)], cycleS: 42),
            RouteDrawing(deviceID: "robot-1", kind: .robot, points: [centre - Point2(x: 50, y: 40),
                                                                     centre - Point2(x: 0, y: 40)], cyclic: false),
        ]
        let scene = renderer.renderPlan(routes)
        let canvas = scene.rasterize()
        #expect(scene.legend.contains { $0.text == "drone-1 (drone) cycle 42 s" })
        // The middle of the drone's first leg is painted in the first route colour.
        let middle = scene.layout.pixel(centre + Point2(x: 30, y: 0))
        let pixel = canvas.pixel(x: Int(middle.x), y: Int(middle.y))
        let expected = Palette.device(0)
        #expect(abs(Int(pixel.r) - Int(expected.r)) < 40 && abs(Int(pixel.g) - Int(expected.g)) < 40
            && abs(Int(pixel.b) - Int(expected.b)) < 40, "pixel \(pixel), route colour \(expected)")
        let json = try JSONSerialization.jsonObject(with: Data(renderer.planGeoJSON(routes).render().utf8))
            as? [String: Any]
        let features = try #require(json?["features"] as? [[String: Any]])
        let lines = features.filter { ($0["geometry"] as? [String: Any])?["type"] as? String == "LineString" }
        #expect(lines.count == 2)
        let first = try #require((lines[0]["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
        #expect(first.count == 4 && first.first == first.last)
    }

    @Test("a coverage picture colours fresh cells green and overdue ones red; overdue regions become GeoJSON",
          .enabled(if: FileManager.default.fileExists(atPath: plaza.path), "Missions/plaza not present"))
    func coveragePicture() throws {
        let renderer = try renderer()
        let grid = renderer.area.grid
        var ratios = [Float](repeating: .nan, count: grid.cellCount)
        let split = grid.width / 2
        for cell in renderer.area.cells {
            ratios[cell] = grid.colRow(of: cell).col < split ? 0 : 1.8
        }
        let drawing = StalenessDrawing(ratios: ratios, timeS: 600,
                                       devices: [.init(deviceID: "drone-1", kind: .drone, position: .zero)])
        // The per-patrol-cell form gives the same ratios.
        let cells = renderer.area.cells
        let fromSlots = StalenessDrawing(cellCount: grid.cellCount, cells: cells,
                                         idlenessS: cells.map { grid.colRow(of: $0).col < split ? 0 : 180 },
                                         revisitTargetsS: cells.map { _ in 100 })
        #expect(cells.allSatisfy { fromSlots.ratios[$0] == ratios[$0] })
        #expect(!fromSlots.isPatrolled(0) || cells.contains(0))
        let scene = renderer.renderCoverage(drawing)
        #expect(scene.title.contains("600 s"))
        #expect(scene.colorScale != nil)
        let image = scene.rasterize().image()
        #expect(image.width >= 800 && image.height >= 300)
        let json = try JSONSerialization.jsonObject(with: Data(renderer.coverageGeoJSON(drawing).render().utf8))
            as? [String: Any]
        let features = try #require(json?["features"] as? [[String: Any]])
        let blind = features.compactMap { $0["properties"] as? [String: Any] }
            .filter { $0["kind"] as? String == "blind_spot" }
        let overdue = renderer.area.cells.filter { grid.colRow(of: $0).col >= split }.count
        let area = blind.reduce(0.0) { $0 + ($1["area_m2"] as? Double ?? 0) }
        #expect(abs(area - Double(overdue) * grid.cellM * grid.cellM) < 1)
        #expect(blind.allSatisfy { abs(($0["worst_ratio"] as? Double ?? 0) - 1.8) < 0.01 })
    }
}
