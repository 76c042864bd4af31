import Foundation
import PatrolCore

extension SiteRenderer {
    /// Routes over the site and its static blind spots, one colour per device, with a start marker and the
    /// device id at each route's first waypoint.
    /// - Parameters:
    ///   - routes: the devices' routes, in fleet order (the order picks the colours).
    ///   - title: replaces the default "NAME: patrol plan".
    ///   - caption: replaces the default subtitle (the blind-share summary), e.g. with plan metrics.
    public func renderPlan(_ routes: [RouteDrawing], title: String? = nil, caption: String? = nil) -> MapScene {
        var scene = emptyScene(title: title ?? "\(mission.name): patrol plan, \(routes.count) routes")
        if let caption { scene.subtitle = caption }
        addGround(to: &scene)
        var cells = CellLayer(grid: grid)
        let seen = cameraSeenMask(offline: [])
        for index in 0..<grid.cellCount where seen[index] { cells.colors[index] = Palette.cameraSeen.withOpacity(0.3) }
        for cell in area.cells { cells.colors[cell] = Palette.blindSpot.withOpacity(0.45) }
        scene.add(.cells(cells))
        addStructures(to: &scene)
        addCameras(to: &scene, offline: [], sectors: false)
        addDocksAndPoints(to: &scene)

        scene.legend = structureLegend()
        scene.legend.append(LegendEntry(.area(AreaStyle(fill: Palette.blindSpot.withOpacity(0.45))),
                                        "static blind spot"))
        for (index, route) in routes.enumerated() {
            let color = Palette.device(index)
            let style = LineStyle(color: color.withOpacity(0.9), widthPx: route.kind == .drone ? 2.5 : 3.5,
                                  closed: route.cyclic)
            scene.add(.line(points: route.points, style: style))
            if let start = route.points.first {
                scene.add(.marker(at: start, style: MarkerStyle(shape: route.kind == .drone ? .triangle : .circle,
                                                                radiusPx: 6, fill: color, stroke: .white)))
                scene.add(.label(route.deviceID, at: start,
                                 style: LabelStyle(color: color, scale: 2, offsetPx: Point2(x: 0, y: -16))))
            }
            var text = "\(route.deviceID) (\(route.kind.rawValue))"
            if let cycleS = route.cycleS { text += " cycle \(Int(cycleS.rounded())) s" }
            scene.legend.append(LegendEntry(.line(LineStyle(color: color, widthPx: 3)), text))
        }
        scene.legend += markerLegend(sectors: false)
        scene.legend.append(LegendEntry(.marker(MarkerStyle(shape: .triangle, radiusPx: 6, fill: .white)),
                                        "route start (drone)"))
        scene.legend.append(LegendEntry(.marker(MarkerStyle(shape: .circle, radiusPx: 6, fill: .white)),
                                        "route start (robot)"))
        return scene
    }

    /// Routes (LineStrings with `device`, `kind`, `cycle_s`) and the static blind spots, in WGS84.
    public func planGeoJSON(_ routes: [RouteDrawing]) -> GeoJSONDocument {
        var document = GeoJSONDocument(frame: frame)
        addBoundary(to: &document)
        addStaticBlindSpots(to: &document)
        for (index, route) in routes.enumerated() where route.points.count >= 2 {
            var points = route.points
            if route.cyclic, let first = points.first, points.last != first { points.append(first) }
            var properties: [GeoJSONValue.Member] = [
                .init("kind", "route"), .init("device", .string(route.deviceID)),
                .init("device_kind", .string(route.kind.rawValue)),
                .init("stroke", .string(Palette.device(index).hexString)),
            ]
            if let cycleS = route.cycleS { properties.append(.init("cycle_s", .number(cycleS))) }
            document.add(.lineString(points), properties: properties)
        }
        return document
    }
}
