import PatrolCore

/// A colour per grid cell, drawn under or over the vector items of a map: coverage tints, blind spots,
/// heat maps. Cells with alpha 0 are not drawn.
public struct CellLayer: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var cellM: Double
    /// The south-west corner of cell 0, local frame.
    public var origin: Point2
    /// Row-major from the southern row, `width * height` colours.
    public var colors: [RGBA]

    /// A transparent layer over the grid.
    public init(grid: SiteGrid) {
        self.init(width: grid.width, height: grid.height, cellM: grid.cellM, origin: grid.origin,
                  colors: [RGBA](repeating: .clear, count: grid.cellCount))
    }

    public init(width: Int, height: Int, cellM: Double, origin: Point2, colors: [RGBA]) {
        precondition(colors.count == width * height,
                     "cell layer has \(colors.count) colours, expected \(width * height)")
        self.width = width
        self.height = height
        self.cellM = cellM
        self.origin = origin
        self.colors = colors
    }

    /// The colour of the cell containing a local point; clear outside the layer.
    public func color(at point: Point2) -> RGBA {
        let column = ((point.x - origin.x) / cellM).rounded(.down)
        let row = ((point.y - origin.y) / cellM).rounded(.down)
        guard column >= 0, row >= 0, column < Double(width), row < Double(height) else { return .clear }
        return colors[Int(row) * width + Int(column)]
    }

    /// Each distinct visible colour with the merged outlines of its cells (for vector output).
    public func outlinesByColor() -> [(color: RGBA, polygons: [OutlinePolygon])] {
        var cellsByColor: [RGBA: [Int]] = [:]
        var order: [RGBA] = []
        for (index, color) in colors.enumerated() where color.a > 0 {
            if cellsByColor[color] == nil { order.append(color) }
            cellsByColor[color, default: []].append(index)
        }
        let outline = CellOutline(width: width, height: height, cellM: cellM, origin: origin)
        return order.map { color in (color, outline.polygons(of: cellsByColor[color] ?? [])) }
    }
}
