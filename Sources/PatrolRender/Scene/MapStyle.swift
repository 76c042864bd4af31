import PatrolCore

/// How a filled area looks.
public struct AreaStyle: Hashable, Sendable {
    public var fill: RGBA?
    public var stroke: RGBA?
    public var strokeWidthPx: Double
    /// Diagonal stripes in the fill colour instead of a solid fill.
    public var hatched: Bool
    /// Dashed outline, dash length in pixels.
    public var dashPx: Double?

    public init(fill: RGBA?, stroke: RGBA? = nil, strokeWidthPx: Double = 1, hatched: Bool = false,
                dashPx: Double? = nil) {
        self.fill = fill
        self.stroke = stroke
        self.strokeWidthPx = strokeWidthPx
        self.hatched = hatched
        self.dashPx = dashPx
    }
}

/// How a line looks.
public struct LineStyle: Hashable, Sendable {
    public var color: RGBA
    public var widthPx: Double
    /// Dash length (and gap) in pixels; nil draws a solid line.
    public var dashPx: Double?
    /// Join the last point back to the first.
    public var closed: Bool

    public init(color: RGBA, widthPx: Double = 2, dashPx: Double? = nil, closed: Bool = false) {
        self.color = color
        self.widthPx = widthPx
        self.dashPx = dashPx
        self.closed = closed
    }
}

/// A point symbol of a fixed size on screen.
public struct MarkerStyle: Hashable, Sendable {
    public enum Shape: Hashable, Sendable {
        case circle
        case square
        case triangle
        case diamond
    }

    public var shape: Shape
    public var radiusPx: Double
    public var fill: RGBA
    public var stroke: RGBA?

    public init(shape: Shape, radiusPx: Double = 5, fill: RGBA, stroke: RGBA? = .black) {
        self.shape = shape
        self.radiusPx = radiusPx
        self.fill = fill
        self.stroke = stroke
    }
}

/// Text placed on the map.
public struct LabelStyle: Hashable, Sendable {
    public var color: RGBA
    /// Font pixel size multiplier of the built-in 5x7 font (1 = 7 px capitals).
    public var scale: Int
    public var halo: RGBA?
    /// Where the text's centre goes relative to its point, pixels (x right, y down).
    public var offsetPx: Point2

    public init(color: RGBA = .black, scale: Int = 1, halo: RGBA? = RGBA(255, 255, 255, 220),
                offsetPx: Point2 = .zero) {
        self.color = color
        self.scale = scale
        self.halo = halo
        self.offsetPx = offsetPx
    }
}

/// A legend line: a symbol and what it means.
public struct LegendEntry: Hashable, Sendable {
    public enum Symbol: Hashable, Sendable {
        case area(AreaStyle)
        case line(LineStyle)
        case marker(MarkerStyle)
    }

    public var symbol: Symbol
    public var text: String

    public init(_ symbol: Symbol, _ text: String) {
        self.symbol = symbol
        self.text = text
    }
}

/// A continuous colour legend (a heat map's scale): a bar from `colors.first` to `colors.last`.
public struct ColorScaleLegend: Hashable, Sendable {
    public var title: String
    /// Colours from the low end to the high end, evenly spaced.
    public var colors: [RGBA]
    public var lowLabel: String
    public var highLabel: String
    /// Written under the middle of the bar when set.
    public var middleLabel: String?

    /// Width of the colour bar in pixels.
    static let barWidthPx = 300

    public init(title: String, colors: [RGBA], lowLabel: String, highLabel: String, middleLabel: String? = nil) {
        self.title = title
        self.colors = colors
        self.lowLabel = lowLabel
        self.highLabel = highLabel
        self.middleLabel = middleLabel
    }
}
