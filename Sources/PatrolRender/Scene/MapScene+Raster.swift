import Foundation
import PatrolCore

extension MapScene {
    /// Draws the scene into a canvas: map items, then header, scale bar, north arrow and legend.
    public func rasterize() -> Canvas {
        let layout = self.layout
        var canvas = Canvas(width: layout.widthPx, height: layout.heightPx, background: .white)
        let mapLeft = Int(layout.mapLeft), mapTop = Int(layout.mapTop)
        let mapWidth = Int(layout.mapWidth), mapHeight = Int(layout.mapHeight)
        canvas.fillRect(x: mapLeft, y: mapTop, width: mapWidth, height: mapHeight, color: mapBackground)
        for item in items { draw(item, on: &canvas, layout: layout) }

        // Items may reach past the map area (a camera's range beyond the boundary): wipe the margins.
        canvas.fillRect(x: 0, y: 0, width: canvas.width, height: mapTop, color: .white, replace: true)
        canvas.fillRect(x: 0, y: mapTop + mapHeight, width: canvas.width, height: canvas.height, color: .white,
                        replace: true)
        canvas.fillRect(x: 0, y: 0, width: mapLeft, height: canvas.height, color: .white, replace: true)
        canvas.fillRect(x: mapLeft + mapWidth, y: 0, width: canvas.width, height: canvas.height, color: .white,
                        replace: true)
        let frame = [Point2(x: layout.mapLeft, y: layout.mapTop),
                     Point2(x: layout.mapLeft + layout.mapWidth, y: layout.mapTop),
                     Point2(x: layout.mapLeft + layout.mapWidth, y: layout.mapTop + layout.mapHeight),
                     Point2(x: layout.mapLeft, y: layout.mapTop + layout.mapHeight)]
        canvas.strokePolyline(frame, color: RGBA(hex: 0x555555), widthPx: 1, closed: true)

        drawHeader(on: &canvas)
        drawNorthArrow(on: &canvas, layout: layout)
        drawScaleBar(on: &canvas, layout: layout)
        drawLegend(on: &canvas, layout: layout)
        return canvas
    }

    /// The scene as a PNG file's bytes.
    /// - Throws: `RenderError` when zlib fails.
    public func pngData() throws -> [UInt8] {
        try PNGEncoder.encode(rasterize().image())
    }

    /// Writes the scene as a PNG file.
    /// - Throws: `RenderError` naming the file.
    public func writePNG(to url: URL) throws {
        try PNGEncoder.write(rasterize().image(), to: url)
    }

    // MARK: Items

    private func draw(_ item: Item, on canvas: inout Canvas, layout: MapLayout) {
        switch item {
        case .area(let rings, let style):
            let pixelRings = rings.map { $0.map(layout.pixel) }
            Self.fill(pixelRings, style: style, on: &canvas)
        case .line(let points, let style):
            canvas.strokePolyline(points.map(layout.pixel), color: style.color, widthPx: style.widthPx,
                                  closed: style.closed, dashPx: style.dashPx)
        case .marker(let point, let style):
            Self.drawMarker(at: layout.pixel(point), style: style, on: &canvas)
        case .cells(let layer):
            drawCells(layer, on: &canvas, layout: layout)
        case .label(let text, let point, let style):
            let anchor = layout.pixel(point) + style.offsetPx
            // Labels far off the picture are skipped (and their coordinates never reach Int).
            guard anchor.isFinite, abs(anchor.x) < 1e6, abs(anchor.y) < 1e6 else { return }
            let top = Int(anchor.y.rounded()) - BitmapFont.glyphHeight * style.scale / 2
            canvas.drawText(text, x: Int(anchor.x.rounded()), y: top, scale: style.scale, color: style.color,
                            alignment: .center, halo: style.halo)
        }
    }

    static func fill(_ pixelRings: [[Point2]], style: AreaStyle, on canvas: inout Canvas) {
        if let fill = style.fill {
            canvas.fillPolygon(pixelRings, color: fill, rule: .evenOdd, hatch: style.hatched ? Canvas.Hatch() : nil)
        }
        if let stroke = style.stroke, style.strokeWidthPx > 0 {
            for ring in pixelRings {
                canvas.strokePolyline(ring, color: stroke, widthPx: style.strokeWidthPx, closed: true,
                                      dashPx: style.dashPx)
            }
        }
    }

    static func drawMarker(at center: Point2, style: MarkerStyle, on canvas: inout Canvas) {
        let r = style.radiusPx
        let ring: [Point2]
        switch style.shape {
        case .circle:
            ring = Canvas.circleRing(center: center, radius: r)
        case .square:
            ring = [Point2(x: center.x - r, y: center.y - r), Point2(x: center.x + r, y: center.y - r),
                    Point2(x: center.x + r, y: center.y + r), Point2(x: center.x - r, y: center.y + r)]
        case .triangle:
            ring = [Point2(x: center.x, y: center.y - r * 1.2), Point2(x: center.x + r * 1.1, y: center.y + r * 0.8),
                    Point2(x: center.x - r * 1.1, y: center.y + r * 0.8)]
        case .diamond:
            ring = [Point2(x: center.x, y: center.y - r * 1.3), Point2(x: center.x + r, y: center.y),
                    Point2(x: center.x, y: center.y + r * 1.3), Point2(x: center.x - r, y: center.y)]
        }
        canvas.fillPolygon([ring], color: style.fill)
        if let stroke = style.stroke {
            canvas.strokePolyline(ring, color: stroke, widthPx: max(1, r / 4), closed: true)
        }
    }

    /// Samples the layer at every pixel centre of the map area (cells smaller than a pixel stay visible as
    /// a sample, larger ones come out as crisp blocks).
    private func drawCells(_ layer: CellLayer, on canvas: inout Canvas, layout: MapLayout) {
        let columnStart = Int(layout.mapLeft), rowStart = Int(layout.mapTop)
        let columns = Int(layout.mapWidth), rows = Int(layout.mapHeight)
        guard columns > 0, rows > 0 else { return }
        let cellColumns: [Int] = (0..<columns).map { column in
            let x = layout.metres(Point2(x: Double(columnStart + column) + 0.5, y: 0)).x
            let cell = ((x - layer.origin.x) / layer.cellM).rounded(.down)
            return cell >= 0 && cell < Double(layer.width) ? Int(cell) : -1
        }
        let canvasWidth = canvas.width
        let visibleColumns = min(columns, canvas.width - columnStart), visibleRows = min(rows, canvas.height - rowStart)
        guard visibleColumns > 0, visibleRows > 0 else { return }
        layer.colors.withUnsafeBufferPointer { colors in
            canvas.withPixels { buffer in
                for row in 0..<visibleRows {
                    let y = layout.metres(Point2(x: 0, y: Double(rowStart + row) + 0.5)).y
                    let cellRow = ((y - layer.origin.y) / layer.cellM).rounded(.down)
                    guard cellRow >= 0, cellRow < Double(layer.height) else { continue }
                    let base = Int(cellRow) * layer.width
                    let pixelBase = ((rowStart + row) * canvasWidth + columnStart) * 4
                    for column in 0..<visibleColumns where cellColumns[column] >= 0 {
                        let color = colors[base + cellColumns[column]]
                        guard color.a > 0 else { continue }
                        Canvas.blend(into: buffer, offset: pixelBase + column * 4, color: color,
                                     alpha: Float(color.a) / 255)
                    }
                }
            }
        }
    }

    // MARK: Furniture

    private func drawHeader(on canvas: inout Canvas) {
        let margin = MapLayout.margin
        canvas.drawText(title, x: margin, y: margin, scale: MapLayout.titleScale, color: .black)
        if let subtitle {
            canvas.drawText(subtitle, x: margin, y: margin + BitmapFont.glyphHeight * MapLayout.titleScale + 10,
                            scale: MapLayout.textScale, color: RGBA(hex: 0x333333))
        }
    }

    private func drawNorthArrow(on canvas: inout Canvas, layout: MapLayout) {
        let tip = Point2(x: layout.mapLeft + layout.mapWidth - 26, y: layout.mapTop + 12)
        let arrow = [tip, Point2(x: tip.x + 9, y: tip.y + 24), Point2(x: tip.x, y: tip.y + 18),
                     Point2(x: tip.x - 9, y: tip.y + 24)]
        canvas.fillPolygon([arrow], color: .black)
        canvas.strokePolyline(arrow, color: .white, widthPx: 1, closed: true)
        canvas.drawText("N", x: Int(tip.x) + 1, y: Int(tip.y) + 28, scale: 2, color: .black, alignment: .center,
                        halo: .white)
    }

    private func drawScaleBar(on canvas: inout Canvas, layout: MapLayout) {
        let lengthM = layout.scaleBarM
        let lengthPx = lengthM * layout.scale
        let left = layout.mapLeft, top = layout.mapTop + layout.mapHeight + 12
        let segments = 4
        for index in 0..<segments {
            let x0 = left + lengthPx * Double(index) / Double(segments)
            let x1 = left + lengthPx * Double(index + 1) / Double(segments)
            let box = [Point2(x: x0, y: top), Point2(x: x1, y: top), Point2(x: x1, y: top + 8),
                       Point2(x: x0, y: top + 8)]
            canvas.fillPolygon([box], color: index % 2 == 0 ? .black : .white)
        }
        let outline = [Point2(x: left, y: top), Point2(x: left + lengthPx, y: top),
                       Point2(x: left + lengthPx, y: top + 8), Point2(x: left, y: top + 8)]
        canvas.strokePolyline(outline, color: .black, widthPx: 1, closed: true)
        let labelTop = Int(top) + 14
        canvas.drawText("0", x: Int(left), y: labelTop, scale: MapLayout.textScale, color: .black, alignment: .center)
        canvas.drawText(MapLayout.distanceLabel(lengthM), x: Int(left + lengthPx), y: labelTop,
                        scale: MapLayout.textScale, color: .black, alignment: .center)
    }

    private func drawLegend(on canvas: inout Canvas, layout: MapLayout) {
        let textScale = MapLayout.textScale
        let left = layout.legendLeft
        var top = Int(layout.mapTop)
        canvas.drawText("Legend", x: left, y: top, scale: textScale, color: .black)
        top += BitmapFont.lineHeight * textScale + 8
        let swatch = MapLayout.legendSwatchPx
        for entry in legend {
            let box = [Point2(x: Double(left), y: Double(top)), Point2(x: Double(left + swatch), y: Double(top)),
                       Point2(x: Double(left + swatch), y: Double(top + 18)),
                       Point2(x: Double(left), y: Double(top + 18))]
            switch entry.symbol {
            case .area(let style):
                Self.fill([box], style: style, on: &canvas)
            case .line(let style):
                canvas.strokePolyline([Point2(x: Double(left + 2), y: Double(top) + 9),
                                       Point2(x: Double(left + swatch - 2), y: Double(top) + 9)],
                                      color: style.color, widthPx: max(2, style.widthPx), dashPx: style.dashPx)
            case .marker(let style):
                var marker = style
                marker.radiusPx = min(style.radiusPx, 8)
                Self.drawMarker(at: Point2(x: Double(left + swatch / 2), y: Double(top) + 9), style: marker,
                                on: &canvas)
            }
            canvas.drawText(entry.text, x: left + swatch + 10, y: top + 2, scale: textScale, color: .black)
            top += MapLayout.legendRowPx
        }
        guard let colorScale, !colorScale.colors.isEmpty else { return }
        top += 16
        canvas.drawText(colorScale.title, x: left, y: top, scale: textScale, color: .black)
        top += BitmapFont.lineHeight * textScale
        let barWidth = ColorScaleLegend.barWidthPx
        for column in 0..<barWidth {
            let position = Double(column) / Double(barWidth - 1) * Double(colorScale.colors.count - 1)
            let lower = Int(position.rounded(.down)), upper = min(colorScale.colors.count - 1, lower + 1)
            let color = colorScale.colors[lower].mixed(with: colorScale.colors[upper], position - Double(lower))
            canvas.fillRect(x: left + column, y: top, width: 1, height: 18, color: color)
        }
        canvas.strokePolyline([Point2(x: Double(left), y: Double(top)),
                               Point2(x: Double(left + barWidth), y: Double(top)),
                               Point2(x: Double(left + barWidth), y: Double(top + 18)),
                               Point2(x: Double(left), y: Double(top + 18))], color: .black, widthPx: 1, closed: true)
        top += 24
        canvas.drawText(colorScale.lowLabel, x: left, y: top, scale: textScale, color: .black)
        canvas.drawText(colorScale.highLabel, x: left + barWidth, y: top, scale: textScale, color: .black,
                        alignment: .right)
        if let middle = colorScale.middleLabel {
            canvas.fillRect(x: left + barWidth / 2, y: top - 8, width: 1, height: 6, color: .black)
            canvas.drawText(middle, x: left + barWidth / 2, y: top, scale: textScale, color: .black, alignment: .center)
        }
    }
}
