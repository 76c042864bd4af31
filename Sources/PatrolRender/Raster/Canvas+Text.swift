extension Canvas {
    /// Horizontal placement of text against its anchor point.
    public enum TextAlignment: Sendable {
        case left
        case center
        case right
    }

    /// Draws one line of text with the built-in 5x7 font, each font pixel a `scale` x `scale` block.
    /// - Parameters:
    ///   - x: the anchor's x, interpreted by `alignment`.
    ///   - y: the top of the glyphs.
    ///   - halo: a one-font-pixel outline drawn first, so labels stay readable over busy maps.
    public mutating func drawText(_ text: String, x: Int, y: Int, scale: Int = 1, color: RGBA,
                                  alignment: TextAlignment = .left, halo: RGBA? = nil) {
        let scale = max(1, scale)
        let textWidth = BitmapFont.widthPx(of: text, scale: scale)
        let left: Int
        switch alignment {
        case .left: left = x
        case .center: left = x - textWidth / 2
        case .right: left = x - textWidth
        }
        let characters = Array(text.unicodeScalars)
        if let halo {
            // The halo is the glyph mask dilated by one font pixel, painted once per pixel.
            let haloWidth = characters.count * BitmapFont.advance + 2
            let haloHeight = BitmapFont.glyphHeight + BitmapFont.descentRows + 2
            var mask = [Bool](repeating: false, count: haloWidth * haloHeight)
            for (position, character) in characters.enumerated() {
                for row in 0..<(BitmapFont.glyphHeight + BitmapFont.descentRows) {
                    for column in 0..<BitmapFont.glyphWidth
                    where BitmapFont.isSet(character, column: column, row: row) {
                        for dy in 0...2 {
                            for dx in 0...2 {
                                mask[(row + dy) * haloWidth + position * BitmapFont.advance + column + dx] = true
                            }
                        }
                    }
                }
            }
            for row in 0..<haloHeight {
                for column in 0..<haloWidth where mask[row * haloWidth + column] {
                    fillRect(x: left + (column - 1) * scale, y: y + (row - 1) * scale, width: scale, height: scale,
                             color: halo)
                }
            }
        }
        for (position, character) in characters.enumerated() {
            let glyphLeft = left + position * BitmapFont.advance * scale
            for row in 0..<(BitmapFont.glyphHeight + BitmapFont.descentRows) {
                for column in 0..<BitmapFont.glyphWidth where BitmapFont.isSet(character, column: column, row: row) {
                    fillRect(x: glyphLeft + column * scale, y: y + row * scale, width: scale, height: scale,
                             color: color)
                }
            }
        }
    }
}
