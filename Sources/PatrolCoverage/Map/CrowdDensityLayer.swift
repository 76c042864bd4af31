import Foundation

/// Crowd density per cell, fused from many observations, stored only in the tiles that ever got a reading.
///
/// Each reading is a density (persons per m2), a confidence in (0, 1] and a capture time. A cell keeps
/// the confidence-weighted sum of readings and the sum of confidences, both decayed to the time of its
/// latest reading (`referenceMS`) with time constant `tauS`: an older reading arriving late is decayed to
/// that reference before it is added, a newer one decays the sums to its own time first. Both paths give
/// the same sums (up to rounding) whatever the order of the readings, which is what makes the map's
/// density independent of message order.
struct CrowdDensityLayer: Sendable {
    static let tileShift = 6
    static var tileSide: Int { 1 << tileShift }
    static var tileCells: Int { tileSide * tileSide }

    let width: Int
    let tilesX: Int
    /// Time constant of the decay, seconds.
    let tauS: Double
    /// Per tile: its slot in the flat arrays below, or -1 while the tile has no reading.
    private var slotOfTile: [Int32]
    /// Tiles with a slot, in slot order.
    private(set) var allocatedTiles: [Int32] = []
    /// Confidence-weighted density sum, decayed to `referenceMS`.
    private var weightedSum: [Float] = []
    /// Confidence sum, decayed to `referenceMS`; 0 for a cell without a reading.
    private var confidenceSum: [Float] = []
    private var referenceMS: [Int64] = []
    /// One-entry cache of the last decay factor, since a footprint's cells mostly share a reference time.
    private var cachedDeltaMS: Int64 = -1
    private var cachedFactor: Float = 1

    init(width: Int, height: Int, tauS: Double) {
        self.width = width
        self.tauS = tauS
        tilesX = (width + Self.tileSide - 1) >> Self.tileShift
        let tilesY = (height + Self.tileSide - 1) >> Self.tileShift
        slotOfTile = [Int32](repeating: -1, count: tilesX * tilesY)
    }

    /// Bytes held by the allocated tiles.
    var allocatedBytes: Int { weightedSum.count * (4 + 4 + 8) + slotOfTile.count * 4 }

    private func tile(ofCell cell: Int) -> Int {
        let col = cell % width, row = cell / width
        return (row >> Self.tileShift) * tilesX + (col >> Self.tileShift)
    }

    private func offsetInTile(ofCell cell: Int) -> Int {
        let col = cell % width, row = cell / width
        return ((row & (Self.tileSide - 1)) << Self.tileShift) | (col & (Self.tileSide - 1))
    }

    private mutating func decay(deltaMS: Int64) -> Float {
        if deltaMS == cachedDeltaMS { return cachedFactor }
        cachedDeltaMS = deltaMS
        cachedFactor = Float(exp(-Double(deltaMS) / 1000 / tauS))
        return cachedFactor
    }

    /// Adds one reading to one cell.
    mutating func add(cell: Int, densityPPM2: Float, confidence: Float, atMS: Int64) {
        let tile = tile(ofCell: cell)
        var slot = Int(slotOfTile[tile])
        if slot < 0 {
            slot = allocatedTiles.count
            slotOfTile[tile] = Int32(slot)
            allocatedTiles.append(Int32(tile))
            weightedSum.append(contentsOf: repeatElement(0, count: Self.tileCells))
            confidenceSum.append(contentsOf: repeatElement(0, count: Self.tileCells))
            referenceMS.append(contentsOf: repeatElement(0, count: Self.tileCells))
        }
        let index = slot * Self.tileCells + offsetInTile(ofCell: cell)
        if confidenceSum[index] == 0 {
            weightedSum[index] = confidence * densityPPM2
            confidenceSum[index] = confidence
            referenceMS[index] = atMS
        } else if atMS >= referenceMS[index] {
            let factor = decay(deltaMS: atMS - referenceMS[index])
            weightedSum[index] = weightedSum[index] * factor + confidence * densityPPM2
            confidenceSum[index] = confidenceSum[index] * factor + confidence
            referenceMS[index] = atMS
        } else {
            let factor = decay(deltaMS: referenceMS[index] - atMS)
            weightedSum[index] += factor * confidence * densityPPM2
            confidenceSum[index] += factor * confidence
        }
    }

    /// The fused density of a cell and the confidence left in it at `nowMS` (the decayed confidence sum);
    /// nil for a cell without a reading.
    func estimate(cell: Int, nowMS: Int64) -> (densityPPM2: Double, confidence: Double)? {
        let slot = Int(slotOfTile[tile(ofCell: cell)])
        guard slot >= 0 else { return nil }
        let index = slot * Self.tileCells + offsetInTile(ofCell: cell)
        guard confidenceSum[index] > 0 else { return nil }
        let density = Double(weightedSum[index]) / Double(confidenceSum[index])
        let ageS = Double(max(0, nowMS - referenceMS[index])) / 1000
        return (density, Double(confidenceSum[index]) * exp(-ageS / tauS))
    }

    /// Calls `body` with every cell that has a reading.
    func forEachCellWithReading(height: Int, _ body: (Int) -> Void) {
        for (slot, tile) in allocatedTiles.enumerated() {
            let tileRow = Int(tile) / tilesX, tileCol = Int(tile) % tilesX
            for offset in 0..<Self.tileCells where confidenceSum[slot * Self.tileCells + offset] > 0 {
                let col = (tileCol << Self.tileShift) | (offset & (Self.tileSide - 1))
                let row = (tileRow << Self.tileShift) | (offset >> Self.tileShift)
                if col < width, row < height { body(row * width + col) }
            }
        }
    }
}
