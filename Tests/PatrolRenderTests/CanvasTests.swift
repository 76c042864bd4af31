import PatrolCore
@testable import PatrolRender
import Testing

@Suite("Raster canvas")
struct CanvasTests {
    /// Total painted coverage: how much of black ink landed on a white canvas, in pixels.
    func inkPx(_ canvas: Canvas) -> Double {
        var total = 0.0
        for y in 0..<canvas.height {
            for x in 0..<canvas.width { total += Double(255 - canvas.pixel(x: x, y: y).r) / 255 }
        }
        return total
    }

    @Test("an anti-aliased polygon paints its area within a fraction of a pixel per edge")
    func polygonArea() {
        var canvas = Canvas(width: 60, height: 60)
        let triangle = [Point2(x: 5.3, y: 4.1), Point2(x: 52.7, y: 9.6), Point2(x: 20.2, y: 55.5)]
        canvas.fillPolygon([triangle], color: .black)
        let area = Polygon(points: triangle).areaM2
        #expect(abs(inkPx(canvas) - area) < 3)
        #expect(canvas.pixel(x: 25, y: 20) == .black)
        #expect(canvas.pixel(x: 55, y: 55) == .white)
    }

    @Test("with even-odd an inner ring is a hole; overlapping strokes of one line paint once")
    func holesAndUnion() {
        var canvas = Canvas(width: 40, height: 40)
        let outer = [Point2(x: 0, y: 0), Point2(x: 40, y: 0), Point2(x: 40, y: 40), Point2(x: 0, y: 40)]
        let inner = [Point2(x: 10, y: 10), Point2(x: 30, y: 10), Point2(x: 30, y: 30), Point2(x: 10, y: 30)]
        canvas.fillPolygon([outer, inner], color: .black)
        #expect(abs(inkPx(canvas) - 1200) < 0.5)
        #expect(canvas.pixel(x: 20, y: 20) == .white)

        var lines = Canvas(width: 40, height: 40)
        let half = RGBA(0, 0, 0, 128)
        lines.strokePolyline([Point2(x: 5, y: 20), Point2(x: 35, y: 20), Point2(x: 5, y: 20.01)], color: half,
                             widthPx: 4)
        // A doubled-back line blended twice would be darker than one layer of 50% black.
        #expect(lines.pixel(x: 20, y: 20).r == 127)
    }

    @Test("shapes reaching past every edge of the canvas are clipped, not lost")
    func clipping() {
        var canvas = Canvas(width: 30, height: 20)
        // A band from far left to far right, and a shape wholly off to the left on the same rows.
        let band = [Point2(x: -50, y: 5), Point2(x: 80, y: 5), Point2(x: 80, y: 10), Point2(x: -50, y: 10)]
        let offLeft = [Point2(x: -90, y: -5), Point2(x: -60, y: -5), Point2(x: -60, y: 40), Point2(x: -90, y: 40)]
        canvas.fillPolygon([band, offLeft], color: .black)
        #expect(abs(inkPx(canvas) - 150) < 0.5)
        var off = Canvas(width: 10, height: 10)
        off.fillPolygon([[Point2(x: 20, y: 2), Point2(x: 40, y: 2), Point2(x: 40, y: 8)]], color: .black)
        #expect(inkPx(off) == 0)
        off.fillPolygon([[Point2(x: 1, y: -1e300), Point2(x: 5, y: 1e300), Point2(x: 9, y: 3)]], color: .black)
        #expect(inkPx(off) > 0)
    }

    @Test("a filled circle covers pi r^2 pixels")
    func circleArea() {
        var canvas = Canvas(width: 50, height: 50)
        canvas.fillCircle(center: Point2(x: 25, y: 25), radiusPx: 15, color: .black)
        #expect(abs(inkPx(canvas) - Double.pi * 225) < 6)
    }

    @Test("alpha blending over an opaque background mixes the colours")
    func blending() {
        var canvas = Canvas(width: 4, height: 4, background: RGBA(0, 0, 255))
        canvas.fillRect(x: 0, y: 0, width: 2, height: 4, color: RGBA(255, 0, 0, 128))
        let mixed = canvas.pixel(x: 1, y: 1)
        #expect(mixed.r == 128 && mixed.b == 127 && mixed.a == 255)
        #expect(canvas.pixel(x: 3, y: 1) == RGBA(0, 0, 255))
        #expect(canvas.image().format == .rgb8)
    }

    @Test("text uses the built-in font: 'I' is a column with serifs, a space paints nothing")
    func text() {
        var canvas = Canvas(width: 20, height: 10)
        canvas.drawText("I ", x: 1, y: 1, color: .black)
        // Glyph I: top row .###., middle rows ..#..
        #expect(canvas.pixel(x: 2, y: 1) == .black && canvas.pixel(x: 4, y: 1) == .black)
        #expect(canvas.pixel(x: 3, y: 4) == .black && canvas.pixel(x: 2, y: 4) == .white)
        #expect((7..<20).allSatisfy { x in (0..<10).allSatisfy { canvas.pixel(x: x, y: $0) == .white } })
        #expect(BitmapFont.widthPx(of: "abc", scale: 2) == 34)
        #expect(BitmapFont.glyphs.count == 95)
        #expect(BitmapFont.bitmaps.allSatisfy { ($0.count == 7 || $0.count == 9) && $0.allSatisfy { $0 < 32 } })
    }
}
