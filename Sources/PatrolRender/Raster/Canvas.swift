import Foundation
import PatrolCore

/// An RGBA8 drawing surface in pixel coordinates: x right, y down, (0, 0) the top-left corner of the
/// top-left pixel, so pixel (i, j) covers [i, i+1) x [j, j+1).
///
/// Shapes are filled with 4x vertical and exact horizontal coverage anti-aliasing and blended with
/// "source over"; lines, circles and sectors are filled polygons, so every shape shares one rasteriser.
public struct Canvas: Sendable {
    /// How overlapping rings of one shape decide what is inside.
    public enum FillRule: Sendable {
        /// Inside where the winding number is odd: rings nested in rings are holes.
        case evenOdd
        /// Inside where the winding number is not zero: overlapping parts of one shape paint once.
        case nonZero
    }

    /// Diagonal stripes instead of a solid fill (for no-fly zones and the like).
    public struct Hatch: Hashable, Sendable {
        public var spacingPx: Int
        public var lineWidthPx: Int

        public init(spacingPx: Int = 8, lineWidthPx: Int = 2) {
            self.spacingPx = max(2, spacingPx)
            self.lineWidthPx = max(1, min(lineWidthPx, spacingPx - 1))
        }

        func covers(x: Int, y: Int) -> Bool { (x + y) % spacingPx < lineWidthPx }
    }

    public let width: Int
    public let height: Int
    /// Straight-alpha RGBA, rows top to bottom.
    public private(set) var pixels: [UInt8]

    /// Sub-scanlines per pixel row of the rasteriser.
    private static let subsamples = 4

    public init(width: Int, height: Int, background: RGBA = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        pixels = [UInt8](repeating: 0, count: self.width * self.height * 4)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for offset in stride(from: 0, to: buffer.count, by: 4) {
                buffer[offset] = background.r
                buffer[offset + 1] = background.g
                buffer[offset + 2] = background.b
                buffer[offset + 3] = background.a
            }
        }
    }

    public func pixel(x: Int, y: Int) -> RGBA {
        let offset = (y * width + x) * 4
        return RGBA(pixels[offset], pixels[offset + 1], pixels[offset + 2], pixels[offset + 3])
    }

    /// The canvas as an image; RGB when every pixel is opaque (smaller files), RGBA otherwise.
    public func image() -> RasterImage {
        let opaque = pixels.withUnsafeBufferPointer { buffer in
            !stride(from: 3, to: buffer.count, by: 4).contains { buffer[$0] != 255 }
        }
        if !opaque {
            return RasterImage(validatedWidth: width, height: height, format: .rgba8, bytes: pixels)
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let count = width * height
        rgb.withUnsafeMutableBufferPointer { output in
            pixels.withUnsafeBufferPointer { input in
                for index in 0..<count {
                    output[index * 3] = input[index * 4]
                    output[index * 3 + 1] = input[index * 4 + 1]
                    output[index * 3 + 2] = input[index * 4 + 2]
                }
            }
        }
        return RasterImage(validatedWidth: width, height: height, format: .rgb8, bytes: rgb)
    }

    // MARK: Pixels

    /// Gives `body` the pixel buffer (straight RGBA, rows top to bottom) for bulk drawing.
    mutating func withPixels<Result>(_ body: (UnsafeMutableBufferPointer<UInt8>) -> Result) -> Result {
        pixels.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Blends `color` over pixel (x, y) with `coverage` in [0, 1] scaling its alpha; outside pixels are ignored.
    public mutating func blend(x: Int, y: Int, color: RGBA, coverage: Float = 1) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let alpha = Float(color.a) / 255 * min(1, max(0, coverage))
        guard alpha > 0 else { return }
        let offset = (y * width + x) * 4
        pixels.withUnsafeMutableBufferPointer { buffer in
            Self.blend(into: buffer, offset: offset, color: color, alpha: alpha)
        }
    }

    static func blend(into buffer: UnsafeMutableBufferPointer<UInt8>, offset: Int, color: RGBA, alpha: Float) {
        let destinationAlpha = buffer[offset + 3]
        if destinationAlpha == 255 {
            // Opaque background, the common case: integer source-over.
            let weight = Int(min(1, alpha) * 255 + 0.5)
            let keep = 255 - weight
            buffer[offset] = UInt8((Int(color.r) * weight + Int(buffer[offset]) * keep + 127) / 255)
            buffer[offset + 1] = UInt8((Int(color.g) * weight + Int(buffer[offset + 1]) * keep + 127) / 255)
            buffer[offset + 2] = UInt8((Int(color.b) * weight + Int(buffer[offset + 2]) * keep + 127) / 255)
            return
        }
        let below = Float(destinationAlpha) / 255
        let outAlpha = alpha + below * (1 - alpha)
        guard outAlpha > 0 else { return }
        let sourceWeight = alpha / outAlpha, destinationWeight = below * (1 - alpha) / outAlpha
        buffer[offset] = UInt8(min(255, Float(color.r) * sourceWeight
            + Float(buffer[offset]) * destinationWeight + 0.5))
        buffer[offset + 1] = UInt8(min(255, Float(color.g) * sourceWeight
            + Float(buffer[offset + 1]) * destinationWeight + 0.5))
        buffer[offset + 2] = UInt8(min(255, Float(color.b) * sourceWeight
            + Float(buffer[offset + 2]) * destinationWeight + 0.5))
        buffer[offset + 3] = UInt8(min(255, outAlpha * 255 + 0.5))
    }

    /// Fills whole pixels x..<x+width, y..<y+height (clipped to the canvas).
    /// - Parameter replace: overwrite the pixels with `color` instead of blending over them.
    public mutating func fillRect(x: Int, y: Int, width rectWidth: Int, height rectHeight: Int, color: RGBA,
                                  replace: Bool = false) {
        let x0 = max(0, x), x1 = min(width, x + rectWidth)
        let y0 = max(0, y), y1 = min(height, y + rectHeight)
        guard x0 < x1, y0 < y1 else { return }
        let canvasWidth = width
        if replace {
            pixels.withUnsafeMutableBufferPointer { buffer in
                for row in y0..<y1 {
                    for column in x0..<x1 {
                        let offset = (row * canvasWidth + column) * 4
                        buffer[offset] = color.r
                        buffer[offset + 1] = color.g
                        buffer[offset + 2] = color.b
                        buffer[offset + 3] = color.a
                    }
                }
            }
            return
        }
        let alpha = Float(color.a) / 255
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in y0..<y1 {
                for column in x0..<x1 {
                    Self.blend(into: buffer, offset: (row * canvasWidth + column) * 4, color: color, alpha: alpha)
                }
            }
        }
    }

    // MARK: Shapes

    /// Fills the shape bounded by `rings` (each implicitly closed), anti-aliased.
    /// - Parameters:
    ///   - rings: polygons in pixel coordinates; with `.evenOdd`, inner rings cut holes.
    ///   - hatch: when set, only the pixels on the hatch's diagonal stripes are painted.
    public mutating func fillPolygon(_ rings: [[Point2]], color: RGBA, rule: FillRule = .evenOdd,
                                     hatch: Hatch? = nil) {
        var edges: [Edge] = []
        for ring in rings where ring.count >= 3 {
            for index in ring.indices {
                let a = ring[index], b = ring[(index + 1) % ring.count]
                guard a.isFinite, b.isFinite, a.y != b.y else { continue }
                edges.append(a.y < b.y ? Edge(x0: a.x, y0: a.y, x1: b.x, y1: b.y, winding: 1)
                                       : Edge(x0: b.x, y0: b.y, x1: a.x, y1: a.y, winding: -1))
            }
        }
        guard !edges.isEmpty else { return }
        edges.sort { $0.y0 < $1.y0 }
        // Clamped as doubles first: a far-away vertex must not overflow Int.
        let top = Int(max(0, min(Double(height), edges[0].y0.rounded(.down))))
        let bottom = Int(max(0, min(Double(height), (edges.map(\.y1).max() ?? 0).rounded(.up))))
        guard top < bottom else { return }

        var coverage = [Float](repeating: 0, count: width + 1)
        var active: [Edge] = []
        var crossings: [(x: Double, winding: Int)] = []
        var nextEdge = 0
        let alpha = Float(color.a) / 255
        let canvasWidth = width
        let weight = 1 / Float(Self.subsamples)
        for row in top..<bottom {
            var touchedLow = Int.max, touchedHigh = Int.min
            for sample in 0..<Self.subsamples {
                let y = Double(row) + (Double(sample) + 0.5) / Double(Self.subsamples)
                while nextEdge < edges.count, edges[nextEdge].y0 <= y {
                    active.append(edges[nextEdge])
                    nextEdge += 1
                }
                active.removeAll { $0.y1 <= y }
                crossings.removeAll(keepingCapacity: true)
                for edge in active where edge.y0 <= y {
                    let x = edge.x0 + (y - edge.y0) * (edge.x1 - edge.x0) / (edge.y1 - edge.y0)
                    crossings.append((x, edge.winding))
                }
                crossings.sort { $0.x < $1.x }
                var winding = 0
                var spanStart = 0.0
                for crossing in crossings {
                    let wasInside = rule == .evenOdd ? winding & 1 != 0 : winding != 0
                    winding += crossing.winding
                    let isInside = rule == .evenOdd ? winding & 1 != 0 : winding != 0
                    if !wasInside && isInside {
                        spanStart = crossing.x
                    } else if wasInside && !isInside {
                        if let span = addSpan(&coverage, from: spanStart, to: crossing.x, weight: weight) {
                            touchedLow = min(touchedLow, span.lowerBound)
                            touchedHigh = max(touchedHigh, span.upperBound)
                        }
                    }
                }
            }
            guard touchedLow <= touchedHigh else { continue }
            pixels.withUnsafeMutableBufferPointer { buffer in
                for column in touchedLow...touchedHigh where column < canvasWidth {
                    let covered = min(1, coverage[column])
                    coverage[column] = 0
                    guard covered > 0.001 else { continue }
                    if let hatch, !hatch.covers(x: column, y: row) { continue }
                    Self.blend(into: buffer, offset: (row * canvasWidth + column) * 4, color: color,
                               alpha: alpha * covered)
                }
            }
            coverage[width] = 0
        }
    }

    /// Adds the horizontal span [x0, x1) to the row's coverage, with partial coverage at its ends.
    /// Returns the pixel columns touched, nil when the span lies off the canvas.
    private func addSpan(_ coverage: inout [Float], from x0: Double, to x1: Double, weight: Float)
        -> ClosedRange<Int>? {
        let start = max(0, min(Double(width), x0)), end = max(0, min(Double(width), x1))
        guard end > start else { return nil }
        let first = Int(start), last = Int(end)
        if first == last {
            coverage[first] += Float(end - start) * weight
            return first...first
        }
        coverage[first] += Float(Double(first + 1) - start) * weight
        if first + 1 < last {
            for column in (first + 1)..<last { coverage[column] += weight }
        }
        coverage[last] += Float(end - Double(last)) * weight
        return first...last
    }

    /// Strokes a polyline of `widthPx` with round joins and caps; overlapping parts paint once.
    public mutating func strokePolyline(_ points: [Point2], color: RGBA, widthPx: Double, closed: Bool = false,
                                        dashPx: Double? = nil) {
        guard !points.isEmpty else { return }
        let radius = max(0.5, widthPx / 2)
        var path = points
        if closed, points.count > 2 { path.append(points[0]) }
        var pieces: [[Point2]] = []
        if let dashPx, dashPx > 0 {
            pieces = Self.dashes(of: path, dashPx: dashPx)
        } else {
            pieces = [path]
        }
        var rings: [[Point2]] = []
        for piece in pieces {
            for index in piece.indices {
                rings.append(Self.circleRing(center: piece[index], radius: radius))
                guard index + 1 < piece.count else { continue }
                let a = piece[index], b = piece[index + 1]
                let direction = b - a
                let length = direction.length
                guard length > 0 else { continue }
                let normal = Point2(x: -direction.y / length * radius, y: direction.x / length * radius)
                rings.append([a - normal, b - normal, b + normal, a + normal])
            }
        }
        fillPolygon(rings.map { Self.orientedClockwiseOnScreen($0) }, color: color, rule: .nonZero)
    }

    /// A straight line segment.
    public mutating func drawLine(from a: Point2, to b: Point2, color: RGBA, widthPx: Double = 1) {
        strokePolyline([a, b], color: color, widthPx: widthPx)
    }

    public mutating func fillCircle(center: Point2, radiusPx: Double, color: RGBA) {
        fillPolygon([Self.circleRing(center: center, radius: radiusPx)], color: color)
    }

    public mutating func strokeCircle(center: Point2, radiusPx: Double, color: RGBA, widthPx: Double = 1) {
        let outer = Self.circleRing(center: center, radius: radiusPx + widthPx / 2)
        let inner = Self.circleRing(center: center, radius: max(0, radiusPx - widthPx / 2))
        fillPolygon([outer, inner], color: color, rule: .evenOdd)
    }

    /// A polygon approximating a circle, fine enough that its facets stay under a quarter pixel.
    static func circleRing(center: Point2, radius: Double) -> [Point2] {
        let segments = max(8, min(128, Int((radius * 2).rounded(.up)) + 8))
        return (0..<segments).map { index in
            let angle = Double(index) / Double(segments) * 2 * .pi
            return Point2(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle))
        }
    }

    /// Every ring turned the same way round, so that a `.nonZero` fill of many rings is their union.
    private static func orientedClockwiseOnScreen(_ ring: [Point2]) -> [Point2] {
        Polygon(points: ring).signedAreaM2 < 0 ? ring.reversed() : ring
    }

    /// Splits a path into dashes of `dashPx` separated by gaps of the same length.
    private static func dashes(of path: [Point2], dashPx: Double) -> [[Point2]] {
        var pieces: [[Point2]] = []
        var current: [Point2] = [path[0]]
        var drawing = true
        var left = dashPx
        for index in 1..<max(1, path.count) {
            var a = path[index - 1]
            let b = path[index]
            var segment = b.distance(to: a)
            while segment > left {
                let point = a + (b - a) * (left / segment)
                if drawing {
                    current.append(point)
                    pieces.append(current)
                } else {
                    current = [point]
                }
                drawing.toggle()
                segment -= left
                a = point
                left = dashPx
            }
            left -= segment
            if drawing { current.append(b) }
        }
        if drawing, current.count > 1 { pieces.append(current) }
        return pieces
    }

    private struct Edge {
        var x0: Double
        var y0: Double
        var x1: Double
        var y1: Double
        var winding: Int
    }
}
