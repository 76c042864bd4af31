import Foundation
import PatrolCore

/// Draws a mission's site: boundary, buildings (darker by height), no-fly and keep-out zones, crowd hotspots,
/// fixed cameras with their fields of view and the cells they see, docks, and the static blind spots
/// (patrol cells), with a legend, a scale bar and the blind share in the title. `renderPlan` and
/// `renderCoverage` draw routes and staleness over the same site; the GeoJSON methods give the same
/// content in WGS84.
public struct SiteRenderer: Sendable {
    public let mission: Mission
    public let area: PatrolArea
    public let frame: LocalFrame
    /// Pixels on the long side of the map area.
    public var mapLongSidePx: Int

    /// - Parameters:
    ///   - area: the mission's patrol area (built once by the caller and reused).
    public init(mission: Mission, area: PatrolArea, mapLongSidePx: Int = 1000) {
        self.mission = mission
        self.area = area
        frame = LocalFrame(origin: mission.origin)
        self.mapLongSidePx = mapLongSidePx
    }

    /// Computes the patrol area (camera visibility and blind spots) of `mission`.
    public init(mission: Mission, mapLongSidePx: Int = 1000) {
        self.init(mission: mission, area: PatrolArea(mission: mission), mapLongSidePx: mapLongSidePx)
    }

    var site: Site { mission.site }
    var grid: SiteGrid { area.grid }

    /// The site picture: everything the operator needs to judge the fixed cameras and the blind spots.
    public func renderSite() -> MapScene {
        var scene = emptyScene(title: "\(mission.name): site, cameras and static blind spots")
        addGround(to: &scene)
        var cells = CellLayer(grid: grid)
        let seen = cameraSeenMask(offline: [])
        for index in 0..<grid.cellCount where seen[index] { cells.colors[index] = Palette.cameraSeen }
        let unobservable = unobservableBlindMask(seen: seen)
        for index in 0..<grid.cellCount where unobservable[index] { cells.colors[index] = Palette.unobservable }
        for cell in area.cells { cells.colors[cell] = Palette.blindSpot }
        scene.add(.cells(cells))
        addStructures(to: &scene)
        addCameras(to: &scene, offline: [], sectors: true)
        addDocksAndPoints(to: &scene)

        scene.legend = structureLegend()
        if !site.cameras.isEmpty {
            scene.legend.append(LegendEntry(.area(AreaStyle(fill: Palette.cameraSeen.withOpacity(0.7))),
                                            "seen by a fixed camera"))
        }
        scene.legend.append(LegendEntry(.area(AreaStyle(fill: Palette.blindSpot)), "static blind spot (to patrol)"))
        if unobservable.contains(true) {
            scene.legend.append(LegendEntry(.area(AreaStyle(fill: Palette.unobservable)), "blind, no device reaches"))
        }
        scene.legend += markerLegend(sectors: true)
        return scene
    }

    // MARK: Building blocks shared by site, plan and coverage pictures

    func emptyScene(title: String) -> MapScene {
        let bounds = site.boundary.bounds
        var low = bounds.min.isFinite ? bounds.min : grid.origin
        var high = bounds.max.isFinite ? bounds.max
            : grid.origin + Point2(x: Double(grid.width) * grid.cellM, y: Double(grid.height) * grid.cellM)
        let pad = max(2 * grid.cellM, 0.04 * max(high.x - low.x, high.y - low.y))
        low = low - Point2(x: pad, y: pad)
        high = high + Point2(x: pad, y: pad)
        return MapScene(title: title, subtitle: summary(), minimum: low, maximum: high, mapLongSidePx: mapLongSidePx)
    }

    /// One line of figures: blind share, patrol cells, cameras, fleet.
    func summary() -> String {
        let blind = String(format: "%.1f%%", area.blindShare * 100)
        let weighted = String(format: "%.1f%%", area.weightedBlindShare * 100)
        let cell = grid.cellM == grid.cellM.rounded() ? "\(Int(grid.cellM)) m" : String(format: "%.2f m", grid.cellM)
        return "blind share \(blind) (weighted \(weighted)), \(area.cells.count) patrol cells of \(cell), "
            + "\(site.cameras.count) cameras, \(mission.fleet.count) devices"
    }

    func addGround(to scene: inout MapScene) {
        scene.add(.area(rings: [site.boundary.points], style: AreaStyle(fill: Palette.siteFill)))
    }

    /// Zones, hotspots, buildings (and walls of occupancy maps), the patrol graph, and the boundary line.
    func addStructures(to scene: inout MapScene) {
        if site.occupancy != nil {
            var walls = CellLayer(grid: grid)
            for index in 0..<grid.cellCount where grid.buildingHeightM[index] > 0 {
                walls.colors[index] = Palette.building(heightM: Double(grid.buildingHeightM[index]))
            }
            scene.add(.cells(walls))
        }
        for hotspot in site.hotspots {
            scene.add(.area(rings: [hotspot.area.points],
                            style: AreaStyle(fill: Palette.hotspot.withOpacity(0.08), stroke: Palette.hotspot,
                                             strokeWidthPx: 2, dashPx: 8)))
        }
        for zone in site.keepOutZones {
            scene.add(.area(rings: [zone.points], style: AreaStyle(fill: Palette.keepOut.withOpacity(0.8),
                                                                   stroke: Palette.keepOut, strokeWidthPx: 1.5,
                                                                   hatched: true)))
        }
        for zone in site.noFlyZones {
            scene.add(.area(rings: [zone.points], style: AreaStyle(fill: Palette.noFly.withOpacity(0.12))))
            scene.add(.area(rings: [zone.points], style: AreaStyle(fill: Palette.noFly.withOpacity(0.75),
                                                                   stroke: Palette.noFly, strokeWidthPx: 2,
                                                                   hatched: true)))
        }
        for building in site.buildings {
            scene.add(.area(rings: [building.footprint.points],
                            style: AreaStyle(fill: Palette.building(heightM: building.heightM),
                                             stroke: Palette.buildingEdge, strokeWidthPx: 1)))
        }
        if let graph = site.graph {
            for (from, edges) in graph.edges.enumerated() {
                for edge in edges where edge.to > from && edge.to < graph.nodes.count {
                    scene.add(.line(points: [graph.nodes[from], graph.nodes[edge.to]],
                                    style: LineStyle(color: Palette.graphEdge, widthPx: 1.5)))
                }
            }
            for node in graph.nodes {
                scene.add(.marker(at: node, style: MarkerStyle(shape: .circle, radiusPx: 2.5, fill: Palette.graphEdge,
                                                               stroke: nil)))
            }
        }
        scene.add(.line(points: site.boundary.points, style: LineStyle(color: Palette.boundary, widthPx: 2.5,
                                                                       closed: true)))
        for hotspot in site.hotspots {
            let centre = Self.centroid(of: hotspot.area.points)
            scene.add(.label("\(hotspot.id) x\(Self.compact(hotspot.weight))", at: centre,
                             style: LabelStyle(color: Palette.hotspot, scale: 2)))
        }
    }

    /// Camera sectors (outline) and markers; offline cameras are drawn grey and crossed.
    func addCameras(to scene: inout MapScene, offline: Set<String>, sectors: Bool) {
        if sectors {
            for camera in site.cameras where !offline.contains(camera.id) {
                scene.add(.line(points: Self.sector(of: camera), style: LineStyle(color: Palette.cameraSector,
                                                                                  widthPx: 1.2, closed: true)))
            }
        }
        for camera in site.cameras {
            let isOffline = offline.contains(camera.id)
            let color = isOffline ? RGBA(hex: 0x888888) : Palette.camera
            let heading = Heading.unitVector(bearingDeg: camera.headingDeg)
            scene.add(.line(points: [camera.position, camera.position + heading * (grid.cellM * 2 + 6)],
                            style: LineStyle(color: color, widthPx: 3)))
            scene.add(.marker(at: camera.position, style: MarkerStyle(shape: .circle, radiusPx: 5.5, fill: color,
                                                                       stroke: .white)))
            if isOffline {
                scene.add(.label("x", at: camera.position,
                                 style: LabelStyle(color: Palette.noFly, scale: 2, halo: nil)))
            }
            scene.add(.label(camera.id + (isOffline ? " offline" : ""), at: camera.position,
                             style: LabelStyle(color: color, scale: 1, offsetPx: Point2(x: 0, y: 14))))
        }
    }

    func addDocksAndPoints(to scene: inout MapScene) {
        for point in site.pointsOfInterest {
            scene.add(.marker(at: point.position, style: MarkerStyle(shape: .diamond, radiusPx: 5,
                                                                     fill: Palette.pointOfInterest)))
        }
        for dock in site.docks {
            scene.add(.marker(at: dock.position, style: MarkerStyle(shape: .square, radiusPx: 6, fill: Palette.dock,
                                                                    stroke: .black)))
            scene.add(.label(dock.id, at: dock.position,
                             style: LabelStyle(color: RGBA(hex: 0x1B6B1B), scale: 1, offsetPx: Point2(x: 0, y: -14))))
        }
    }

    /// Legend lines for the structures present on this site.
    func structureLegend() -> [LegendEntry] {
        var entries = [LegendEntry(.area(AreaStyle(fill: Palette.siteFill, stroke: Palette.boundary, strokeWidthPx: 2)),
                                   "site boundary")]
        if !site.buildings.isEmpty || site.occupancy != nil {
            let building = AreaStyle(fill: Palette.building(heightM: 15), stroke: Palette.buildingEdge)
            entries.append(LegendEntry(.area(building), "building (darker = taller)"))
        }
        if !site.noFlyZones.isEmpty {
            entries.append(LegendEntry(.area(AreaStyle(fill: Palette.noFly.withOpacity(0.75), stroke: Palette.noFly,
                                                       strokeWidthPx: 2, hatched: true)), "no-fly zone (drones)"))
        }
        if !site.keepOutZones.isEmpty {
            entries.append(LegendEntry(.area(AreaStyle(fill: Palette.keepOut.withOpacity(0.8), stroke: Palette.keepOut,
                                                       strokeWidthPx: 1.5, hatched: true)), "keep-out zone (robots)"))
        }
        if !site.hotspots.isEmpty {
            entries.append(LegendEntry(.area(AreaStyle(fill: Palette.hotspot.withOpacity(0.08), stroke: Palette.hotspot,
                                                       strokeWidthPx: 2, dashPx: 6)), "crowd hotspot x weight"))
        }
        if site.graph != nil {
            entries.append(LegendEntry(.line(LineStyle(color: Palette.graphEdge, widthPx: 1.5)), "patrol graph"))
        }
        return entries
    }

    /// Legend lines for cameras, docks and points of interest present on this site.
    func markerLegend(sectors: Bool) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        if !site.cameras.isEmpty {
            entries.append(LegendEntry(.marker(MarkerStyle(shape: .circle, radiusPx: 5.5, fill: Palette.camera,
                                                           stroke: .white)), "fixed camera"))
            if sectors {
                entries.append(LegendEntry(.line(LineStyle(color: Palette.cameraSector, widthPx: 1.5)),
                                           "camera field of view"))
            }
        }
        if !site.docks.isEmpty {
            entries.append(LegendEntry(.marker(MarkerStyle(shape: .square, radiusPx: 6, fill: Palette.dock)), "dock"))
        }
        if !site.pointsOfInterest.isEmpty {
            let point = MarkerStyle(shape: .diamond, radiusPx: 5, fill: Palette.pointOfInterest)
            entries.append(LegendEntry(.marker(point), "point of interest"))
        }
        return entries
    }

    /// Cells seen by the fixed cameras that are online.
    func cameraSeenMask(offline: Set<String>) -> [Bool] {
        var seen = [Bool](repeating: false, count: grid.cellCount)
        for (camera, cells) in zip(site.cameras, area.fixedCameraCells) where !offline.contains(camera.id) {
            for cell in cells { seen[cell] = true }
        }
        return seen
    }

    /// Inside, open, unseen cells that are not patrol cells: no device of the fleet can observe them.
    func unobservableBlindMask(seen: [Bool]) -> [Bool] {
        var mask = [Bool](repeating: false, count: grid.cellCount)
        for index in 0..<grid.cellCount
        where grid.inside[index] && grid.buildingHeightM[index] == 0 && !seen[index] {
            mask[index] = true
        }
        for cell in area.cells { mask[cell] = false }
        return mask
    }

    /// The outline of a camera's field of view: apex, arc at its range, back to the apex.
    static func sector(of camera: FixedCamera) -> [Point2] {
        let steps = max(8, Int(camera.fovDeg / 4))
        if camera.fovDeg >= 360 {
            return (0..<steps).map { step in
                camera.position + Heading.unitVector(bearingDeg: Double(step) / Double(steps) * 360) * camera.rangeM
            }
        }
        var points = [camera.position]
        for step in 0...steps {
            let bearing = camera.headingDeg - camera.fovDeg / 2 + camera.fovDeg * Double(step) / Double(steps)
            points.append(camera.position + Heading.unitVector(bearingDeg: bearing) * camera.rangeM)
        }
        return points
    }

    static func centroid(of points: [Point2]) -> Point2 {
        guard !points.isEmpty else { return .zero }
        let sum = points.reduce(Point2.zero, +)
        return sum * (1 / Double(points.count))
    }

    /// "3" for 3.0, "1.5" for 1.5.
    static func compact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.1f", value)
    }
}
