import Foundation
import PatrolCore

extension MapScene {
    /// The scene as SVG: user units are metres of the local frame, north up; header, legend and scale bar
    /// sit where the PNG has them.
    public func svgDocument() -> SVGDocument {
        let layout = self.layout
        let metresPerPx = 1 / layout.scale
        func px(_ length: Double) -> Double { length * metresPerPx }
        func at(_ x: Double, _ y: Double) -> Point2 { layout.metres(Point2(x: x, y: y)) }
        /// Font size giving capitals about as tall as the bitmap font's at `scale`.
        func fontSize(_ scale: Int) -> Double { px(Double(BitmapFont.glyphHeight * scale) / 0.72) }

        var svg = SVGDocument(minimum: at(0, Double(layout.heightPx)), maximum: at(Double(layout.widthPx), 0),
                              widthPx: layout.widthPx)
        svg.defineClipRect(id: "map-area", minimum: minimum, maximum: maximum)
        var hatchIDs: [RGBA: String] = [:]
        for case .area(_, let style) in items where style.hatched {
            if let fill = style.fill, hatchIDs[fill] == nil {
                let id = "hatch-\(hatchIDs.count)"
                hatchIDs[fill] = id
                svg.defineHatch(id: id, color: fill, spacingM: px(8), lineWidthM: px(2))
            }
        }
        for case .area(let style) in legend.map(\.symbol) where style.hatched {
            if let fill = style.fill, hatchIDs[fill] == nil {
                let id = "hatch-\(hatchIDs.count)"
                hatchIDs[fill] = id
                svg.defineHatch(id: id, color: fill, spacingM: px(8), lineWidthM: px(2))
            }
        }

        svg.rect(minimum: minimum, widthM: maximum.x - minimum.x, heightM: maximum.y - minimum.y, fill: mapBackground)
        svg.beginGroup(id: "map", clipID: "map-area")
        for item in items {
            switch item {
            case .area(let rings, let style):
                Self.area(rings, style: style, hatchID: style.fill.flatMap { hatchIDs[$0] }, metresPerPx: metresPerPx,
                          into: &svg)
            case .line(let points, let style):
                svg.polyline(points, stroke: style.color, widthM: px(style.widthPx), closed: style.closed,
                             dashM: style.dashPx.map(px))
            case .marker(let point, let style):
                Self.marker(at: point, style: style, metresPerPx: metresPerPx, into: &svg)
            case .cells(let layer):
                for (color, polygons) in layer.outlinesByColor() {
                    svg.path(rings: polygons.flatMap(\.rings), fill: color)
                }
            case .label(let text, let point, let style):
                let anchor = point + Point2(x: px(style.offsetPx.x), y: -px(style.offsetPx.y))
                let baseline = anchor - Point2(x: 0, y: px(Double(BitmapFont.glyphHeight * style.scale) / 2))
                svg.text(text, at: baseline, sizeM: fontSize(style.scale), color: style.color, anchor: .center,
                         halo: style.halo)
            }
        }
        svg.endGroup()
        svg.path(rings: [[minimum, Point2(x: maximum.x, y: minimum.y), maximum, Point2(x: minimum.x, y: maximum.y)]],
                 fill: nil, stroke: RGBA(hex: 0x555555), strokeWidthM: px(1))

        // Header.
        let margin = Double(MapLayout.margin)
        let titleBaseline = margin + Double(BitmapFont.glyphHeight * MapLayout.titleScale)
        svg.text(title, at: at(margin, titleBaseline), sizeM: fontSize(MapLayout.titleScale), color: .black, bold: true)
        if let subtitle {
            let subtitleBaseline = titleBaseline + 10 + Double(BitmapFont.glyphHeight * MapLayout.textScale)
            svg.text(subtitle, at: at(margin, subtitleBaseline),
                     sizeM: fontSize(MapLayout.textScale), color: RGBA(hex: 0x333333))
        }

        // North arrow.
        let tipX = layout.mapLeft + layout.mapWidth - 26, tipY = layout.mapTop + 12
        svg.path(rings: [[at(tipX, tipY), at(tipX + 9, tipY + 24), at(tipX, tipY + 18), at(tipX - 9, tipY + 24)]],
                 fill: .black, stroke: .white, strokeWidthM: px(1))
        svg.text("N", at: at(tipX, tipY + 42), sizeM: fontSize(2), color: .black, anchor: .center, halo: .white)

        // Scale bar.
        let lengthM = layout.scaleBarM
        let barTop = layout.mapTop + layout.mapHeight + 12
        let barLeft = layout.mapLeft
        let barPx = lengthM * layout.scale
        for index in 0..<4 {
            svg.rect(minimum: at(barLeft + barPx * Double(index) / 4, barTop + 8), widthM: lengthM / 4, heightM: px(8),
                     fill: index % 2 == 0 ? .black : .white, stroke: .black, strokeWidthM: px(1))
        }
        let labelBaseline = barTop + 14 + Double(BitmapFont.glyphHeight * MapLayout.textScale)
        svg.text("0", at: at(barLeft, labelBaseline), sizeM: fontSize(MapLayout.textScale), color: .black,
                 anchor: .center)
        svg.text(MapLayout.distanceLabel(lengthM), at: at(barLeft + barPx, labelBaseline),
                 sizeM: fontSize(MapLayout.textScale), color: .black, anchor: .center)

        legendSVG(layout: layout, hatchIDs: hatchIDs, into: &svg)
        return svg
    }

    /// Writes the scene as an SVG file.
    /// - Throws: `RenderError` naming the file.
    public func writeSVG(to url: URL) throws {
        try svgDocument().write(to: url)
    }

    private func legendSVG(layout: MapLayout, hatchIDs: [RGBA: String], into svg: inout SVGDocument) {
        let metresPerPx = 1 / layout.scale
        func px(_ length: Double) -> Double { length * metresPerPx }
        func at(_ x: Double, _ y: Double) -> Point2 { layout.metres(Point2(x: x, y: y)) }
        let textScale = MapLayout.textScale
        let fontSize = px(Double(BitmapFont.glyphHeight * textScale) / 0.72)
        let glyphHeight = Double(BitmapFont.glyphHeight * textScale)
        let left = Double(layout.legendLeft)
        var top = layout.mapTop
        svg.beginGroup(id: "legend")
        svg.text("Legend", at: at(left, top + glyphHeight), sizeM: fontSize, color: .black, bold: true)
        top += Double(BitmapFont.lineHeight * textScale + 8)
        let swatch = Double(MapLayout.legendSwatchPx)
        for entry in legend {
            switch entry.symbol {
            case .area(let style):
                let box = [at(left, top + 18), at(left + swatch, top + 18), at(left + swatch, top), at(left, top)]
                Self.area([box], style: style, hatchID: style.fill.flatMap { hatchIDs[$0] }, metresPerPx: metresPerPx,
                          into: &svg)
            case .line(let style):
                svg.polyline([at(left + 2, top + 9), at(left + swatch - 2, top + 9)], stroke: style.color,
                             widthM: px(max(2, style.widthPx)), dashM: style.dashPx.map(px))
            case .marker(let style):
                var marker = style
                marker.radiusPx = min(style.radiusPx, 8)
                Self.marker(at: at(left + swatch / 2, top + 9), style: marker, metresPerPx: metresPerPx, into: &svg)
            }
            svg.text(entry.text, at: at(left + swatch + 10, top + 2 + glyphHeight), sizeM: fontSize, color: .black)
            top += Double(MapLayout.legendRowPx)
        }
        if let colorScale, !colorScale.colors.isEmpty {
            top += 16
            svg.text(colorScale.title, at: at(left, top + glyphHeight), sizeM: fontSize, color: .black)
            top += Double(BitmapFont.lineHeight * textScale)
            let barWidth = Double(ColorScaleLegend.barWidthPx)
            let steps = max(1, colorScale.colors.count * 8)
            for step in 0..<steps {
                let t = Double(step) / Double(max(1, steps - 1))
                let position = t * Double(colorScale.colors.count - 1)
                let lower = Int(position.rounded(.down)), upper = min(colorScale.colors.count - 1, lower + 1)
                let color = colorScale.colors[lower].mixed(with: colorScale.colors[upper], position - Double(lower))
                let x0 = left + barWidth * Double(step) / Double(steps)
                svg.rect(minimum: at(x0, top + 18), widthM: px(barWidth / Double(steps) + 0.5), heightM: px(18),
                         fill: color)
            }
            svg.rect(minimum: at(left, top + 18), widthM: px(barWidth), heightM: px(18), fill: nil, stroke: .black,
                     strokeWidthM: px(1))
            top += 24
            svg.text(colorScale.lowLabel, at: at(left, top + glyphHeight), sizeM: fontSize, color: .black)
            svg.text(colorScale.highLabel, at: at(left + barWidth, top + glyphHeight), sizeM: fontSize, color: .black,
                     anchor: .right)
            if let middle = colorScale.middleLabel {
                svg.text(middle, at: at(left + barWidth / 2, top + glyphHeight), sizeM: fontSize, color: .black,
                         anchor: .center)
            }
        }
        svg.endGroup()
    }

    private static func area(_ rings: [[Point2]], style: AreaStyle, hatchID: String?, metresPerPx: Double,
                             into svg: inout SVGDocument) {
        svg.path(rings: rings, fill: style.fill, stroke: style.stroke, strokeWidthM: style.strokeWidthPx * metresPerPx,
                 fillPatternID: style.hatched ? hatchID : nil, dashM: style.dashPx.map { $0 * metresPerPx })
    }

    private static func marker(at point: Point2, style: MarkerStyle, metresPerPx: Double, into svg: inout SVGDocument) {
        let r = style.radiusPx * metresPerPx
        let strokeWidth = max(1, style.radiusPx / 4) * metresPerPx
        switch style.shape {
        case .circle:
            svg.circle(center: point, radiusM: r, fill: style.fill, stroke: style.stroke, strokeWidthM: strokeWidth)
            return
        case .square:
            svg.path(rings: [[point + Point2(x: -r, y: -r), point + Point2(x: r, y: -r), point + Point2(x: r, y: r),
                              point + Point2(x: -r, y: r)]],
                     fill: style.fill, stroke: style.stroke, strokeWidthM: strokeWidth)
        case .triangle:
            svg.path(rings: [[point + Point2(x: 0, y: r * 1.2), point + Point2(x: r * 1.1, y: -r * 0.8),
                              point + Point2(x: -r * 1.1, y: -r * 0.8)]],
                     fill: style.fill, stroke: style.stroke, strokeWidthM: strokeWidth)
        case .diamond:
            svg.path(rings: [[point + Point2(x: 0, y: r * 1.3), point + Point2(x: r, y: 0),
                              point + Point2(x: 0, y: -r * 1.3),
                              point + Point2(x: -r, y: 0)]],
                     fill: style.fill, stroke: style.stroke, strokeWidthM: strokeWidth)
        }
    }
}
