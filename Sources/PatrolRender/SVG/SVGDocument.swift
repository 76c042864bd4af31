import Foundation
import PatrolCore

/// Builds an SVG document whose user units are metres of the local frame, with y flipped so that north
/// is up: a point (x, y) is written as (x, -y) and the viewBox covers `bounds`.
///
/// Text is escaped; numbers are written with millimetre precision.
public struct SVGDocument: Sendable {
    /// The local-frame area the viewBox shows, metres.
    public let minimum: Point2
    public let maximum: Point2
    /// The displayed size, pixels (`width` and `height` attributes).
    public let widthPx: Int
    public let heightPx: Int
    private var definitions: [String] = []
    private var body: [String] = []

    /// - Parameters:
    ///   - minimum: south-west corner of the area shown, metres.
    ///   - maximum: north-east corner, metres.
    ///   - widthPx: displayed width; the height follows the aspect ratio.
    public init(minimum: Point2, maximum: Point2, widthPx: Int) {
        self.minimum = minimum
        self.maximum = Point2(x: max(maximum.x, minimum.x + 1e-6), y: max(maximum.y, minimum.y + 1e-6))
        self.widthPx = max(1, widthPx)
        let aspect = (self.maximum.y - minimum.y) / (self.maximum.x - minimum.x)
        self.heightPx = max(1, Int((Double(self.widthPx) * aspect).rounded()))
    }

    /// Metres per displayed pixel: multiply a size in pixels by this to get user units.
    public var metresPerPx: Double { (maximum.x - minimum.x) / Double(widthPx) }

    // MARK: Elements

    /// A filled and/or stroked shape; rings are closed, and with `evenOdd` inner rings are holes.
    public mutating func path(rings: [[Point2]], fill: RGBA?, stroke: RGBA? = nil, strokeWidthM: Double = 0,
                              evenOdd: Bool = true, fillPatternID: String? = nil, dashM: Double? = nil) {
        let data = rings.filter { $0.count >= 2 }.map { ring in
            "M" + ring.map { coordinate($0) }.joined(separator: "L") + "Z"
        }.joined()
        guard !data.isEmpty else { return }
        var attributes = "d=\"\(data)\""
        if evenOdd { attributes += " fill-rule=\"evenodd\"" }
        attributes += paint(fill: fill, patternID: fillPatternID)
        attributes += strokeAttributes(stroke, widthM: strokeWidthM, dashM: dashM)
        body.append("<path \(attributes)/>")
    }

    /// An open (or closed) line.
    public mutating func polyline(_ points: [Point2], stroke: RGBA, widthM: Double, closed: Bool = false,
                                  dashM: Double? = nil) {
        guard points.count >= 2 else { return }
        let element = closed ? "polygon" : "polyline"
        let list = points.map { coordinate($0, separator: ",") }.joined(separator: " ")
        body.append("<\(element) points=\"\(list)\" fill=\"none\""
            + strokeAttributes(stroke, widthM: widthM, dashM: dashM)
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    public mutating func circle(center: Point2, radiusM: Double, fill: RGBA?, stroke: RGBA? = nil,
                                strokeWidthM: Double = 0) {
        body.append("<circle cx=\"\(Self.number(center.x))\" cy=\"\(Self.number(-center.y))\" "
            + "r=\"\(Self.number(radiusM))\"" + paint(fill: fill, patternID: nil)
            + strokeAttributes(stroke, widthM: strokeWidthM, dashM: nil) + "/>")
    }

    /// An axis-aligned rectangle from its south-west corner.
    public mutating func rect(minimum corner: Point2, widthM: Double, heightM: Double, fill: RGBA?,
                              stroke: RGBA? = nil, strokeWidthM: Double = 0) {
        body.append("<rect x=\"\(Self.number(corner.x))\" y=\"\(Self.number(-(corner.y + heightM)))\" "
            + "width=\"\(Self.number(widthM))\" height=\"\(Self.number(heightM))\""
            + paint(fill: fill, patternID: nil) + strokeAttributes(stroke, widthM: strokeWidthM, dashM: nil) + "/>")
    }

    /// Text whose baseline starts (or centres, or ends) at `at`.
    /// - Parameter halo: a light outline under the glyphs so labels stay readable over the map.
    public mutating func text(_ string: String, at point: Point2, sizeM: Double, color: RGBA,
                              anchor: Canvas.TextAlignment = .left, bold: Bool = false, halo: RGBA? = nil) {
        let anchorName: String
        switch anchor {
        case .left: anchorName = "start"
        case .center: anchorName = "middle"
        case .right: anchorName = "end"
        }
        var attributes = "x=\"\(Self.number(point.x))\" y=\"\(Self.number(-point.y))\" "
            + "font-size=\"\(Self.number(sizeM))\" text-anchor=\"\(anchorName)\"" + paint(fill: color, patternID: nil)
        if bold { attributes += " font-weight=\"bold\"" }
        if let halo {
            attributes += " stroke=\"\(halo.hexString)\" stroke-width=\"\(Self.number(sizeM / 5))\" "
                + "paint-order=\"stroke\" stroke-linejoin=\"round\""
        }
        body.append("<text \(attributes)>\(Self.escape(string))</text>")
    }

    /// Defines diagonal stripes usable as `fillPatternID` in `path`.
    public mutating func defineHatch(id: String, color: RGBA, spacingM: Double, lineWidthM: Double) {
        let size = Self.number(spacingM)
        definitions.append("<pattern id=\"\(Self.escape(id))\" patternUnits=\"userSpaceOnUse\" width=\"\(size)\" "
            + "height=\"\(size)\" patternTransform=\"rotate(45)\"><rect width=\"\(Self.number(lineWidthM))\" "
            + "height=\"\(size)\"" + paint(fill: color, patternID: nil) + "/></pattern>")
    }

    /// Defines a rectangular clip region usable as `clipID` in `beginGroup`.
    public mutating func defineClipRect(id: String, minimum corner: Point2, maximum opposite: Point2) {
        definitions.append("<clipPath id=\"\(Self.escape(id))\"><rect x=\"\(Self.number(corner.x))\" "
            + "y=\"\(Self.number(-opposite.y))\" width=\"\(Self.number(opposite.x - corner.x))\" "
            + "height=\"\(Self.number(opposite.y - corner.y))\"/></clipPath>")
    }

    /// Opens a group with a title (shown as a tooltip by browsers), optionally clipped; close it with
    /// `endGroup()`.
    public mutating func beginGroup(id: String, title: String? = nil, clipID: String? = nil) {
        let clip = clipID.map { " clip-path=\"url(#\(Self.escape($0)))\"" } ?? ""
        body.append("<g id=\"\(Self.escape(id))\"\(clip)>" + (title.map { "<title>\(Self.escape($0))</title>" } ?? ""))
    }

    public mutating func endGroup() {
        body.append("</g>")
    }

    // MARK: Output

    /// The complete document.
    public func render() -> String {
        let viewBox = [minimum.x, -maximum.y, maximum.x - minimum.x, maximum.y - minimum.y].map(Self.number)
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(widthPx)\" height=\"\(heightPx)\" "
                        + "viewBox=\"\(viewBox.joined(separator: " "))\" font-family=\"Helvetica, Arial, sans-serif\">"]
        if !definitions.isEmpty { lines.append("<defs>" + definitions.joined() + "</defs>") }
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the document to `url`.
    /// - Throws: `RenderError` naming the file.
    public func write(to url: URL) throws {
        do {
            try Data(render().utf8).write(to: url)
        } catch {
            throw RenderError("\(url.path): cannot write SVG: \(error.localizedDescription)")
        }
    }

    /// `text` with the five XML special characters escaped.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A number with at most three decimals and no trailing zeros (millimetres are plenty for a map).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let whole = magnitude / 1000
        var fraction = magnitude % 1000
        guard fraction != 0 else { return sign + String(whole) }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return sign + "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }

    private func coordinate(_ point: Point2, separator: String = " ") -> String {
        Self.number(point.x) + separator + Self.number(-point.y)
    }

    private func paint(fill: RGBA?, patternID: String?) -> String {
        if let patternID { return " fill=\"url(#\(Self.escape(patternID)))\"" }
        guard let fill, fill.a > 0 else { return " fill=\"none\"" }
        return " fill=\"\(fill.hexString)\"" + (fill.a < 255 ? " fill-opacity=\"\(Self.opacity(fill))\"" : "")
    }

    private func strokeAttributes(_ stroke: RGBA?, widthM: Double, dashM: Double?) -> String {
        guard let stroke, stroke.a > 0, widthM > 0 else { return "" }
        var text = " stroke=\"\(stroke.hexString)\" stroke-width=\"\(Self.number(max(widthM, 0.01)))\""
        if stroke.a < 255 { text += " stroke-opacity=\"\(Self.opacity(stroke))\"" }
        if let dashM { text += " stroke-dasharray=\"\(Self.number(dashM))\"" }
        return text
    }

    private static func opacity(_ color: RGBA) -> String {
        let thousandths = Int((color.opacity * 1000).rounded())
        return "0." + String(repeating: "0", count: max(0, 3 - String(thousandths).count)) + String(thousandths)
    }
}
