import Foundation
import PatrolCore

extension SiteRenderer {
    /// A staleness heat map: every patrol cell coloured by idleness / revisit target, fresh green to
    /// overdue red; cells that are not patrolled in grey; devices at their positions.
    public func renderCoverage(_ staleness: StalenessDrawing, title: String? = nil) -> MapScene {
        var heading = title ?? "\(mission.name): coverage"
        if title == nil, let timeS = staleness.timeS { heading += " at t = \(Int(timeS.rounded())) s" }
        var scene = emptyScene(title: heading)
        let overdue = overdueCells(staleness)
        let patrolled = (0..<grid.cellCount).filter { staleness.isPatrolled($0) }.count
        scene.subtitle = "\(patrolled) patrol cells, \(overdue.count) past their revisit target "
            + String(format: "(%.1f%%)", patrolled > 0 ? Double(overdue.count) / Double(patrolled) * 100 : 0)
            + (staleness.offlineCameraIDs.isEmpty ? ""
                : ", \(staleness.offlineCameraIDs.count) camera"
                    + (staleness.offlineCameraIDs.count == 1 ? "" : "s") + " offline")
        addGround(to: &scene)
        var cells = CellLayer(grid: grid)
        for index in 0..<grid.cellCount where grid.inside[index] {
            if staleness.isPatrolled(index) {
                cells.colors[index] = Palette.staleness(ratio: Double(staleness.ratios[index]))
            } else if grid.buildingHeightM[index] == 0 {
                cells.colors[index] = Palette.notPatrolled
            }
        }
        scene.add(.cells(cells))
        let outline = CellOutline(width: grid.width, height: grid.height, cellM: grid.cellM, origin: grid.origin)
        for polygon in outline.polygons(of: overdue) {
            scene.add(.area(rings: polygon.rings, style: AreaStyle(fill: nil, stroke: RGBA(hex: 0x5A0000),
                                                                   strokeWidthPx: 1.5)))
        }
        addStructures(to: &scene)
        addCameras(to: &scene, offline: staleness.offlineCameraIDs, sectors: false)
        addDocksAndPoints(to: &scene)
        for (index, device) in staleness.devices.enumerated() {
            let style = MarkerStyle(shape: device.kind == .drone ? .triangle : .circle, radiusPx: 7,
                                    fill: Palette.device(index), stroke: .white)
            scene.add(.marker(at: device.position, style: style))
            scene.add(.label(device.deviceID, at: device.position,
                             style: LabelStyle(color: .black, scale: 2, offsetPx: Point2(x: 0, y: -17))))
        }

        scene.legend = structureLegend()
        scene.legend.append(LegendEntry(.area(AreaStyle(fill: Palette.notPatrolled)),
                                        "not patrolled (camera/no access)"))
        scene.legend.append(LegendEntry(.area(AreaStyle(fill: nil, stroke: RGBA(hex: 0x5A0000), strokeWidthPx: 1.5)),
                                        "blind spot (past target)"))
        scene.legend += markerLegend(sectors: false)
        if !staleness.devices.isEmpty {
            let drone = MarkerStyle(shape: .triangle, radiusPx: 7, fill: Palette.device(0))
            scene.legend.append(LegendEntry(.marker(drone), "drone (position)"))
            scene.legend.append(LegendEntry(.marker(MarkerStyle(shape: .circle, radiusPx: 7, fill: Palette.device(1))),
                                            "robot (position)"))
        }
        scene.colorScale = ColorScaleLegend(title: "idleness / revisit target", colors: Palette.staleness,
                                            lowLabel: "0 fresh", highLabel: "2+ stale", middleLabel: "1 due")
        return scene
    }

    /// Blind spots of a coverage map (connected regions of cells past their revisit target) as merged
    /// WGS84 polygons with `area_m2`, `cells`, `worst_ratio` and `centroid`.
    public func coverageGeoJSON(_ staleness: StalenessDrawing) -> GeoJSONDocument {
        var document = GeoJSONDocument(frame: frame)
        addBoundary(to: &document)
        let overdue = overdueCells(staleness)
        let regions = Self.regions(of: overdue, width: grid.width, height: grid.height)
        var counts = [Int](repeating: 0, count: regions.count)
        var worst = [Float](repeating: 0, count: regions.count)
        for cell in overdue {
            let region = Int(regions.label[cell])
            counts[region] += 1
            worst[region] = max(worst[region], staleness.ratios[cell])
        }
        let outline = CellOutline(width: grid.width, height: grid.height, cellM: grid.cellM, origin: grid.origin)
        for polygon in outline.polygons(of: overdue) {
            let region = outline.memberCell(of: polygon).map { Int(regions.label[$0]) }.flatMap { $0 >= 0 ? $0 : nil }
            let centre = frame.geo(SiteRenderer.centroid(of: polygon.exterior))
            document.add(.polygon(polygon), properties: [
                .init("kind", "blind_spot"), .init("area_m2", .number(polygon.areaM2)),
                .init("cells", .integer(region.map { counts[$0] } ?? 0)),
                .init("worst_ratio", .number(Double(region.map { worst[$0] } ?? 0))),
                .init("centroid", .array([.number(centre.longitudeDeg), .number(centre.latitudeDeg)])),
            ])
        }
        for device in staleness.devices {
            document.add(.point(device.position), properties: [
                .init("kind", "device"), .init("device", .string(device.deviceID)),
                .init("device_kind", .string(device.kind.rawValue)),
            ])
        }
        return document
    }

    /// 4-connected components of a cell set: per grid cell its component (-1 outside the set), and the count.
    static func regions(of cells: [Int], width: Int, height: Int) -> (label: [Int32], count: Int) {
        let unlabelled: Int32 = -2
        var label = [Int32](repeating: -1, count: width * height)
        for cell in cells { label[cell] = unlabelled }
        var count: Int32 = 0
        var stack: [Int] = []
        for start in cells where label[start] == unlabelled {
            label[start] = count
            stack.append(start)
            while let cell = stack.popLast() {
                let column = cell % width, row = cell / width
                let neighbours = [(column - 1, row), (column + 1, row), (column, row - 1), (column, row + 1)]
                for (nextColumn, nextRow) in neighbours
                where nextColumn >= 0 && nextRow >= 0 && nextColumn < width && nextRow < height {
                    let next = nextRow * width + nextColumn
                    if label[next] == unlabelled {
                        label[next] = count
                        stack.append(next)
                    }
                }
            }
            count += 1
        }
        return (label, Int(count))
    }

    /// Patrol cells whose idleness exceeds their revisit target.
    func overdueCells(_ staleness: StalenessDrawing) -> [Int] {
        (0..<min(grid.cellCount, staleness.ratios.count)).filter {
            staleness.isPatrolled($0) && staleness.ratios[$0] > 1
        }
    }
}
