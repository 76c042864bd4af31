import Foundation
import PatrolCLI
import PatrolTestKit
import Testing
@testable import PatrolOperator

/// `patrolctl validate` and `patrolctl render` on the bundled plaza mission, writing into a temporary folder.
@Suite struct MissionCommandsTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func validateAcceptsThePlazaAndFailsOnABrokenCopy() throws {
        let plaza = Fixtures.mission("plaza")
        #expect(try ValidateCommand.run(arguments: [plaza.path]) == 0)

        let broken = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: broken) }
        for name in ["mission.json", "site.geojson"] {
            try FileManager.default.copyItem(at: plaza.appendingPathComponent(name),
                                             to: broken.appendingPathComponent(name))
        }
        let missionURL = broken.appendingPathComponent("mission.json")
        var mission = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: missionURL)) as? [String: Any])
        mission["cell_m"] = -1
        try JSONSerialization.data(withJSONObject: mission).write(to: missionURL)
        #expect(try ValidateCommand.run(arguments: [broken.path]) == 1)
        #expect(throws: UsageError.self) { try ValidateCommand.run(arguments: []) }
    }

    @Test func planRefusesAFolderAsItsOutputFileBeforePlanning() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: PlanWriteError.self) {
            try PlanCommand.run(arguments: [Fixtures.mission("plaza").path, "--out", folder.path])
        }
        #expect(error?.description.contains("it is a folder; expected a file path such as") == true)
        #expect(error?.description.contains("plan.json") == true)
    }

    @Test func renderWritesThePlazaAsPNGSVGAndGeoJSON() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let png = out.appendingPathComponent("site.png")
        let svg = out.appendingPathComponent("site.svg")
        let geojson = out.appendingPathComponent("site.geojson")
        let code = try RenderCommand.run(arguments: [Fixtures.mission("plaza").path, "--png", png.path, "--svg", svg.path,
                                                     "--geojson", geojson.path, "--size", "300"])
        #expect(code == 0)
        let pngBytes = try Data(contentsOf: png)
        #expect(Array(pngBytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let svgText = try String(contentsOf: svg, encoding: .utf8)
        #expect(svgText.contains("<svg"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: geojson)) as? [String: Any]
        #expect(document?["type"] as? String == "FeatureCollection")
        #expect(throws: UsageError.self) { try RenderCommand.run(arguments: [Fixtures.mission("plaza").path, "--bogus"]) }
    }
}
