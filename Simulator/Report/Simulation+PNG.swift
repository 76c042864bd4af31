import Foundation
import PatrolCore
import PatrolRender

extension Simulation {
    /// `--png`: the final staleness of the evaluated cells (idleness over revisit target) on the site, with
    /// buildings, cameras, docks and where the devices ended, through PatrolRender.
    /// - Throws: an error naming the file when it cannot be written.
    func writeCoveragePNG(to url: URL) throws {
        let colors = Self.stalenessColors
        var layer = CellLayer(grid: grid)
        let idleness = coverage.idlenessS(at: nowS)
        for (slot, cell) in coverage.cells.enumerated() {
            let ratio = idleness[slot] / coverage.targetS(slot: slot)
            layer.colors[cell] = colors[min(colors.count - 1, Int(ratio * Double(colors.count - 1)))]
        }
        let bounds = mission.site.boundary.bounds
        let measured = coverage.metrics(at: nowS)
        var scene = MapScene(title: "\(mission.name): staleness after \(Int(nowS)) s (\(options.planner.rawValue))",
                             subtitle: String(format: "coverage %.3f, avg idleness %.1f s, worst ratio %.2f",
                                              measured.coverageFraction, measured.avgIdlenessS, measured.worstRatio),
                             minimum: bounds.min, maximum: bounds.max)
        scene.add(.area(rings: [mission.site.boundary.points], style: AreaStyle(fill: .white, stroke: .black)))
        scene.add(.cells(layer))
        for building in mission.site.buildings {
            scene.add(.area(rings: [building.footprint.points],
                            style: AreaStyle(fill: RGBA(hex: 0x6B7280), stroke: RGBA(hex: 0x374151))))
        }
        for camera in mission.site.cameras {
            scene.add(.marker(at: camera.position, style: MarkerStyle(shape: .square, radiusPx: 4, fill: RGBA(hex: 0x2563EB))))
        }
        for dock in mission.site.docks {
            scene.add(.marker(at: dock.position, style: MarkerStyle(shape: .square, radiusPx: 5, fill: RGBA(hex: 0xF59E0B))))
        }
        for device in devices {
            scene.add(.marker(at: device.position, style: MarkerStyle(shape: .circle, radiusPx: 6, fill: .white)))
            scene.add(.label(device.id, at: device.position, style: LabelStyle()))
        }
        scene.legend = [
            LegendEntry(.marker(MarkerStyle(shape: .square, radiusPx: 4, fill: RGBA(hex: 0x2563EB))), "fixed camera"),
            LegendEntry(.marker(MarkerStyle(shape: .square, radiusPx: 5, fill: RGBA(hex: 0xF59E0B))), "dock"),
            LegendEntry(.marker(MarkerStyle(shape: .circle, radiusPx: 6, fill: .white)), "device at the end"),
        ]
        scene.colorScale = ColorScaleLegend(title: "idleness / revisit target", colors: colors, lowLabel: "0",
                                            highLabel: ">= 1")
        do {
            try scene.writePNG(to: url)
        } catch {
            throw SimulationError("cannot write coverage map \(url.path): \(error)")
        }
    }

    /// Green (just seen) through yellow to red (at or past the revisit target).
    static let stalenessColors: [RGBA] = (0...10).map { step in
        let t = Double(step) / 10
        let red = UInt8(min(255, 40 + 430 * t)), green = UInt8(max(40, min(200, 200 - 320 * max(0, t - 0.5))))
        return RGBA(red, green, 60, 200)
    }
}
