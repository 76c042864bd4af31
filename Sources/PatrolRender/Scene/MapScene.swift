import PatrolCore

/// A map picture independent of its file format: items in the local frame (metres), drawn in order,
/// plus a title, a legend and a scale bar. `rasterize()` / `pngData()` and `svgDocument()` draw the same
/// scene, so PNG and SVG always agree.
public struct MapScene: Sendable {
    /// One thing drawn on the map.
    public enum Item: Sendable {
        /// A filled shape; with several rings, inner rings are holes (even-odd).
        case area(rings: [[Point2]], style: AreaStyle)
        case line(points: [Point2], style: LineStyle)
        case marker(at: Point2, style: MarkerStyle)
        case cells(CellLayer)
        case label(String, at: Point2, style: LabelStyle)
    }

    public var title: String
    /// A second header line: figures such as the blind share.
    public var subtitle: String?
    /// South-west and north-east corners of the area shown, metres.
    public var minimum: Point2
    public var maximum: Point2
    public var items: [Item] = []
    public var legend: [LegendEntry] = []
    public var colorScale: ColorScaleLegend?
    /// Pixels on the long side of the map area (the whole picture is larger by its header and legend).
    public var mapLongSidePx: Int
    /// Background of the map area (outside every item).
    public var mapBackground: RGBA = RGBA(hex: 0xE8E8E3)

    public init(title: String, subtitle: String? = nil, minimum: Point2, maximum: Point2, mapLongSidePx: Int = 1000) {
        self.title = title
        self.subtitle = subtitle
        // A degenerate or non-finite area still gives a picture (of one square metre) rather than a trap.
        let low = minimum.isFinite ? minimum : .zero
        let high = maximum.isFinite ? maximum : low
        self.minimum = low
        self.maximum = Point2(x: max(high.x, low.x + 1), y: max(high.y, low.y + 1))
        self.mapLongSidePx = max(200, mapLongSidePx)
    }

    public mutating func add(_ item: Item) {
        items.append(item)
    }

    /// Pixel placement of the map, header, legend and scale bar.
    var layout: MapLayout { MapLayout(scene: self) }
}

/// Where everything goes on the picture, in pixels (x right, y down), and the metres <-> pixels mapping.
struct MapLayout {
    static let margin = 16
    static let titleScale = 3
    static let textScale = 2
    static let legendSwatchPx = 28
    static let legendRowPx = 26

    /// Pixels per metre.
    let scale: Double
    let mapLeft: Double
    let mapTop: Double
    let mapWidth: Double
    let mapHeight: Double
    let legendLeft: Int
    let widthPx: Int
    let heightPx: Int
    let minimum: Point2
    let maximum: Point2

    init(scene: MapScene) {
        minimum = scene.minimum
        maximum = scene.maximum
        let spanX = maximum.x - minimum.x, spanY = maximum.y - minimum.y
        scale = Double(scene.mapLongSidePx) / max(spanX, spanY)
        mapWidth = (spanX * scale).rounded()
        mapHeight = (spanY * scale).rounded()
        mapLeft = Double(Self.margin)
        var headerPx = Self.margin + BitmapFont.glyphHeight * Self.titleScale + 10
        if scene.subtitle != nil { headerPx += BitmapFont.lineHeight * Self.textScale }
        mapTop = Double(headerPx + 4)
        legendLeft = Int(mapLeft + mapWidth) + 2 * Self.margin
        let entryWidths = scene.legend.map { BitmapFont.widthPx(of: $0.text, scale: Self.textScale) }
        var legendWidth = Self.legendSwatchPx + 10 + (entryWidths.max() ?? 0)
        legendWidth = max(legendWidth, BitmapFont.widthPx(of: "Legend", scale: Self.textScale))
        if let colorScale = scene.colorScale {
            legendWidth = max(legendWidth, BitmapFont.widthPx(of: colorScale.title, scale: Self.textScale),
                              ColorScaleLegend.barWidthPx)
        }
        widthPx = legendLeft + legendWidth + Self.margin
        let legendHeight = Self.legendBlockHeight(scene: scene)
        let mapBottom = Int(mapTop + mapHeight) + 50
        heightPx = max(mapBottom, Int(mapTop) + legendHeight + Self.margin)
    }

    static func legendBlockHeight(scene: MapScene) -> Int {
        var height = BitmapFont.lineHeight * textScale + 8 + scene.legend.count * legendRowPx
        if scene.colorScale != nil {
            height += 16 + BitmapFont.lineHeight * textScale + 24 + 6 + BitmapFont.lineHeight * textScale
        }
        return height
    }

    /// A local point's pixel position.
    func pixel(_ point: Point2) -> Point2 {
        Point2(x: mapLeft + (point.x - minimum.x) * scale, y: mapTop + (maximum.y - point.y) * scale)
    }

    /// The local point drawn at a pixel position (the inverse of `pixel`).
    func metres(_ pixel: Point2) -> Point2 {
        Point2(x: minimum.x + (pixel.x - mapLeft) / scale, y: maximum.y - (pixel.y - mapTop) / scale)
    }

    /// A scale bar length with a round value (1, 2 or 5 times a power of ten) near a quarter of the map width.
    var scaleBarM: Double {
        let target = (maximum.x - minimum.x) / 4
        var magnitude = 1.0
        while magnitude * 10 <= target { magnitude *= 10 }
        while magnitude > target && magnitude > 0.01 { magnitude /= 10 }
        for factor in [5.0, 2.0, 1.0] where magnitude * factor <= target { return magnitude * factor }
        return magnitude
    }

    /// "50 m" or "1.5 km".
    static func distanceLabel(_ metres: Double) -> String {
        if metres >= 1000 {
            let km = metres / 1000
            return (km == km.rounded() ? String(Int(km)) : String(km)) + " km"
        }
        return (metres == metres.rounded() ? String(Int(metres)) : String(metres)) + " m"
    }
}
