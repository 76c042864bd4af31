/// The site as a raster of square cells: the layers every planner, coverage map and simulator reads.
///
/// The raster covers the boundary's bounding box at `cellM`; row 0 is the southern row and cell
/// `index = row * width + col`. A cell belongs to a polygon when its centre does (even-odd rule), and
/// polygons are filled by scanlines through the cell centres, so building the grid costs the number of
/// cells plus the number of polygon edges times the number of rows they span.
public struct SiteGrid: Sendable {
    /// Columns, west to east.
    public let width: Int
    /// Rows, south to north.
    public let height: Int
    /// Cell edge length, metres.
    public let cellM: Double
    /// Local position of the south-west corner of cell 0.
    public let origin: Point2

    /// Inside the site boundary.
    public internal(set) var inside: [Bool]
    /// Height of the building covering the cell, metres; 0 where there is none. ROS map sites put
    /// occupied cells here as walls of the mission's wall height.
    public internal(set) var buildingHeightM: [Float]
    /// Drones must not fly here.
    public internal(set) var noFly: [Bool]
    /// Robots must not drive here.
    public internal(set) var keepOut: [Bool]
    /// 1 outside hotspots, else the largest weight of the hotspots covering the cell.
    public internal(set) var hotspotWeight: [Float]
    /// A robot may drive here: inside, no building, not keep-out, not occupied.
    public internal(set) var robotTraversable: [Bool]

    /// Occupied cells of a ROS map become walls of this height when the mission does not say otherwise.
    public static let defaultWallHeightM = 2.5

    /// Rasterizes a site.
    /// - Parameters:
    ///   - site: the site in local metres.
    ///   - cellM: cell edge length, metres (> 0).
    ///   - wallHeightM: height given to occupied cells of a ROS occupancy map.
    public init(site: Site, cellM: Double, wallHeightM: Double) {
        precondition(cellM > 0 && cellM.isFinite, "cellM must be a positive number")
        let bounds = site.boundary.bounds
        let spanX = bounds.max.x - bounds.min.x, spanY = bounds.max.y - bounds.min.y
        self.cellM = cellM
        origin = bounds.min.isFinite ? bounds.min : .zero
        width = spanX.isFinite ? max(1, Int((spanX / cellM).rounded(.up))) : 1
        height = spanY.isFinite ? max(1, Int((spanY / cellM).rounded(.up))) : 1
        let count = width * height
        inside = [Bool](repeating: false, count: count)
        buildingHeightM = [Float](repeating: 0, count: count)
        noFly = [Bool](repeating: false, count: count)
        keepOut = [Bool](repeating: false, count: count)
        hotspotWeight = [Float](repeating: 1, count: count)
        robotTraversable = [Bool](repeating: false, count: count)

        let raster = Raster(origin: origin, cellM: cellM, width: width, height: height)
        var scratch: [Double] = []
        raster.fill(site.boundary, &scratch) { inside[$0] = true }
        for building in site.buildings {
            let heightM = Float(building.heightM)
            raster.fill(building.footprint, &scratch) { buildingHeightM[$0] = max(buildingHeightM[$0], heightM) }
        }
        for zone in site.noFlyZones { raster.fill(zone, &scratch) { noFly[$0] = true } }
        for zone in site.keepOutZones { raster.fill(zone, &scratch) { keepOut[$0] = true } }
        for hotspot in site.hotspots {
            let weight = Float(hotspot.weight)
            raster.fill(hotspot.area, &scratch) { hotspotWeight[$0] = max(hotspotWeight[$0], weight) }
        }
        if let occupancy = site.occupancy { stampOccupancy(occupancy, wallHeightM: Float(wallHeightM)) }
        for index in 0..<count {
            robotTraversable[index] = inside[index] && buildingHeightM[index] == 0 && !keepOut[index]
        }
    }

    /// Rasterizes a site; ROS occupancy walls get `defaultWallHeightM`.
    public init(site: Site, cellM: Double) {
        self.init(site: site, cellM: cellM, wallHeightM: Self.defaultWallHeightM)
    }

    /// `width * height`: the length of every layer.
    public var cellCount: Int { width * height }

    /// The index of the cell at a column and row (row 0 south).
    public func index(col: Int, row: Int) -> Int { row * width + col }

    /// Column and row of a cell index.
    public func colRow(of index: Int) -> (col: Int, row: Int) { (index % width, index / width) }

    /// The cell containing a local point, or nil outside the raster.
    public func cellIndex(containing point: Point2) -> Int? {
        let col = ((point.x - origin.x) / cellM).rounded(.down)
        let row = ((point.y - origin.y) / cellM).rounded(.down)
        guard col >= 0, row >= 0, col < Double(width), row < Double(height) else { return nil }
        return Int(row) * width + Int(col)
    }

    /// The local position of a cell's centre.
    public func center(ofCell index: Int) -> Point2 {
        let col = index % width, row = index / width
        return Point2(x: origin.x + (Double(col) + 0.5) * cellM, y: origin.y + (Double(row) + 0.5) * cellM)
    }

    /// Calls `body` with every cell whose centre lies inside `polygon` (even-odd rule).
    public func forEachCell(in polygon: Polygon, _ body: (Int) -> Void) {
        var scratch: [Double] = []
        Raster(origin: origin, cellM: cellM, width: width, height: height).fill(polygon, &scratch, body)
    }

    /// Marks cells as walls where the occupancy map is occupied at any of its pixels inside the cell, so a
    /// coarse grid never opens a passage the map closes.
    private mutating func stampOccupancy(_ map: OccupancyMap, wallHeightM: Float) {
        guard map.width > 0, map.height > 0, map.resolutionM > 0 else { return }
        for pixelRow in 0..<map.height {
            let y = map.origin.y + (Double(pixelRow) + 0.5) * map.resolutionM
            let row = Int(((y - origin.y) / cellM).rounded(.down))
            guard row >= 0, row < height else { continue }
            let base = pixelRow * map.width
            for pixelCol in 0..<map.width where map.occupied[base + pixelCol] {
                let x = map.origin.x + (Double(pixelCol) + 0.5) * map.resolutionM
                let col = Int(((x - origin.x) / cellM).rounded(.down))
                guard col >= 0, col < width else { continue }
                let index = row * width + col
                buildingHeightM[index] = max(buildingHeightM[index], wallHeightM)
            }
        }
    }
}

/// The placement of a raster, so polygons can be filled without borrowing the grid being filled.
struct Raster {
    let origin: Point2
    let cellM: Double
    let width: Int
    let height: Int

    /// Scanline fill: per row, the edges crossing the row's centre line give sorted crossing abscissae,
    /// and the cells whose centres fall between pairs of crossings are inside.
    func fill(_ polygon: Polygon, _ crossings: inout [Double], _ body: (Int) -> Void) {
        let points = polygon.points
        guard points.count >= 3 else { return }
        let bounds = polygon.bounds
        guard bounds.min.isFinite, bounds.max.isFinite else { return }
        let firstRow = clamped(((bounds.min.y - origin.y) / cellM - 0.5).rounded(.up), 0, height - 1)
        let lastRow = clamped(((bounds.max.y - origin.y) / cellM - 0.5).rounded(.down), 0, height - 1)
        guard firstRow <= lastRow, bounds.max.y >= origin.y, bounds.min.y <= origin.y + Double(height) * cellM
        else { return }
        for row in firstRow...lastRow {
            let y = origin.y + (Double(row) + 0.5) * cellM
            crossings.removeAll(keepingCapacity: true)
            var previous = points[points.count - 1]
            for current in points {
                if (current.y > y) != (previous.y > y) {
                    let t = (y - current.y) / (previous.y - current.y)
                    crossings.append(current.x + t * (previous.x - current.x))
                }
                previous = current
            }
            crossings.sort()
            var pair = 0
            while pair + 1 < crossings.count {
                // Cells whose centre x lies in [left, right).
                let first = clamped(((crossings[pair] - origin.x) / cellM - 0.5).rounded(.up), 0, width)
                let last = clamped(((crossings[pair + 1] - origin.x) / cellM - 0.5).rounded(.up), 0, width) - 1
                if first <= last {
                    let base = row * width
                    for col in first...last { body(base + col) }
                }
                pair += 2
            }
        }
    }

    /// A rounded coordinate as an index within [low, high]; far-away geometry must not overflow `Int`.
    private func clamped(_ value: Double, _ low: Int, _ high: Int) -> Int {
        if value <= Double(low) { return low }
        if value >= Double(high) { return high }
        return Int(value)
    }
}
