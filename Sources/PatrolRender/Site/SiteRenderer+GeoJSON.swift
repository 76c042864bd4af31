import Foundation
import PatrolCore

extension SiteRenderer {
    /// The site's boundary, the static blind spots as merged polygons (one feature per connected region and
    /// hotspot weight, with `area_m2`, `cells` and `weight`), each fixed camera's seen area (merged), cameras
    /// and docks, in WGS84.
    public func siteGeoJSON() -> GeoJSONDocument {
        var document = GeoJSONDocument(frame: frame)
        addBoundary(to: &document)
        addStaticBlindSpots(to: &document)
        let outline = CellOutline(width: grid.width, height: grid.height, cellM: grid.cellM, origin: grid.origin)
        for (camera, cells) in zip(site.cameras, area.fixedCameraCells) where !cells.isEmpty {
            let polygons = outline.polygons(of: cells)
            document.add(.multiPolygon(polygons), properties: [
                .init("kind", "camera_coverage"), .init("camera", .string(camera.id)),
                .init("area_m2", .number(polygons.reduce(0) { $0 + $1.areaM2 })), .init("cells", .integer(cells.count)),
            ])
        }
        for camera in site.cameras {
            document.add(.point(camera.position), properties: [
                .init("kind", "camera"), .init("id", .string(camera.id)),
                .init("heading_deg", .number(camera.headingDeg)),
                .init("fov_deg", .number(camera.fovDeg)), .init("range_m", .number(camera.rangeM)),
            ])
        }
        for dock in site.docks {
            document.add(.point(dock.position), properties: [.init("kind", "dock"), .init("id", .string(dock.id))])
        }
        return document
    }

    /// The static blind spots (patrol cells) as merged polygons, in the local frame.
    public func staticBlindSpotPolygons() -> [OutlinePolygon] {
        CellOutline(width: grid.width, height: grid.height, cellM: grid.cellM, origin: grid.origin)
            .polygons(of: area.cells)
    }

    func addBoundary(to document: inout GeoJSONDocument) {
        document.add(.polygon(OutlinePolygon(exterior: site.boundary.points)),
                     properties: [.init("kind", "boundary"), .init("mission", .string(mission.name))])
    }

    /// One feature per connected blind region of one hotspot weight.
    func addStaticBlindSpots(to document: inout GeoJSONDocument) {
        var cellsByWeight: [Double: [Int]] = [:]
        for (cell, weight) in zip(area.cells, area.weights) { cellsByWeight[weight, default: []].append(cell) }
        let outline = CellOutline(width: grid.width, height: grid.height, cellM: grid.cellM, origin: grid.origin)
        let cellArea = grid.cellM * grid.cellM
        for weight in cellsByWeight.keys.sorted() {
            for polygon in outline.polygons(of: cellsByWeight[weight] ?? []) {
                document.add(.polygon(polygon), properties: [
                    .init("kind", "blind_spot"), .init("weight", .number(weight)),
                    .init("area_m2", .number(polygon.areaM2)),
                    .init("cells", .integer(Int((polygon.areaM2 / cellArea).rounded()))),
                ])
            }
        }
    }
}
