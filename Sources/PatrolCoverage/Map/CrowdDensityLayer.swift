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
    private let rows: RowDivider
    /// Time constant of the decay, seconds.
    let tauS: Double
    /// Per tile: its slot in the flat arrays below, or -1 while the tile has no reading.
    private var slotOfTile: [Int32]
    /// Tiles with a slot, in slot order.
    private(set) var allocatedTiles: [Int32] = []
    /// The allocated tiles' cells, tile after tile, row-major within a tile.
    private var records: [Record] = []

    /// One cell's fused readings; packed so an update touches one cache line.
    struct Record: Equatable, Sendable {
        /// Confidence-weighted density sum, decayed to `referenceMS`.
        var weightedSum: Float = 0
        /// Confidence sum, decayed to `referenceMS`; 0 for a cell without a reading.
        var confidenceSum: Float = 0
        var referenceMS: Int64 = 0
    }
    /// Direct-mapped cache of decay factors by time difference: a footprint's cells were last updated by
    /// a handful of earlier footprints, so a few differences repeat across its cells, and `exp` per cell
    /// would cost more than the rest of the update.
    private var cachedDeltaMS = [Int64](repeating: -1, count: 16)
    private var cachedFactor = [Float](repeating: 1, count: 16)

    init(width: Int, height: Int, tauS: Double) {
        self.width = width
        self.tauS = tauS
        rows = RowDivider(width: width, height: height)
        tilesX = (width + Self.tileSide - 1) >> Self.tileShift
        let tilesY = (height + Self.tileSide - 1) >> Self.tileShift
        slotOfTile = [Int32](repeating: -1, count: tilesX * tilesY)
    }

    /// Bytes held by the allocated tiles.
    var allocatedBytes: Int { records.count * MemoryLayout<Record>.stride + slotOfTile.count * 4 }

    private func tile(ofCell cell: Int) -> Int {
        let col = cell % width, row = cell / width
        return (row >> Self.tileShift) * tilesX + (col >> Self.tileShift)
    }

    private func offsetInTile(ofCell cell: Int) -> Int {
        let col = cell % width, row = cell / width
        return ((row & (Self.tileSide - 1)) << Self.tileShift) | (col & (Self.tileSide - 1))
    }

    private mutating func decay(deltaMS: Int64) -> Float {
        let slot = Int(truncatingIfNeeded: deltaMS ^ (deltaMS >> 4)) & 15
        if cachedDeltaMS[slot] == deltaMS { return cachedFactor[slot] }
        let factor = Float(exp(-Double(deltaMS) / 1000 / tauS))
        cachedDeltaMS[slot] = deltaMS
        cachedFactor[slot] = factor
        return factor
    }

    /// Adds one reading to each of `cells`.
    mutating func add(cells: [Int32], densityPPM2: Float, confidence: Float, atMS: Int64) {
        for cell in cells { add(cell: Int(cell), densityPPM2: densityPPM2, confidence: confidence, atMS: atMS) }
    }

    /// Adds one reading to one cell.
    mutating func add(cell: Int, densityPPM2: Float, confidence: Float, atMS: Int64) {
        let row = rows.row(of: cell), col = cell - row * width
        let tile = (row >> Self.tileShift) * tilesX + (col >> Self.tileShift)
        var slot = Int(slotOfTile[tile])
        if slot < 0 {
            slot = allocatedTiles.count
            slotOfTile[tile] = Int32(slot)
            allocatedTiles.append(Int32(tile))
            records.append(contentsOf: repeatElement(Record(), count: Self.tileCells))
        }
        let index = slot * Self.tileCells
            + (((row & (Self.tileSide - 1)) << Self.tileShift) | (col & (Self.tileSide - 1)))
        var record = records[index]
        if record.confidenceSum == 0 {
            record = Record(weightedSum: confidence * densityPPM2, confidenceSum: confidence, referenceMS: atMS)
        } else if atMS >= record.referenceMS {
            let factor = decay(deltaMS: atMS - record.referenceMS)
            record.weightedSum = record.weightedSum * factor + confidence * densityPPM2
            record.confidenceSum = record.confidenceSum * factor + confidence
            record.referenceMS = atMS
        } else {
            let factor = decay(deltaMS: record.referenceMS - atMS)
            record.weightedSum += factor * confidence * densityPPM2
            record.confidenceSum += factor * confidence
        }
        records[index] = record
    }

    /// The fused density of a cell and the confidence left in it at `nowMS` (the decayed confidence sum);
    /// nil for a cell without a reading.
    func estimate(cell: Int, nowMS: Int64) -> (densityPPM2: Double, confidence: Double)? {
        let slot = Int(slotOfTile[tile(ofCell: cell)])
        guard slot >= 0 else { return nil }
        let index = slot * Self.tileCells + offsetInTile(ofCell: cell)
        let record = records[index]
        guard record.confidenceSum > 0 else { return nil }
        let density = Double(record.weightedSum) / Double(record.confidenceSum)
        let ageS = Double(max(0, nowMS - record.referenceMS)) / 1000
        return (density, Double(record.confidenceSum) * exp(-ageS / tauS))
    }

    /// The records of an allocated tile (by its slot in `allocatedTiles`), for snapshots.
    func tileRecords(slot: Int) -> ArraySlice<Record> {
        records[(slot * Self.tileCells)..<((slot + 1) * Self.tileCells)]
    }

    /// Restores a tile's records from a snapshot.
    mutating func restoreTile(_ tile: Int, records tileRecords: [Record]) {
        precondition(tileRecords.count == Self.tileCells && slotOfTile[tile] < 0)
        slotOfTile[tile] = Int32(allocatedTiles.count)
        allocatedTiles.append(Int32(tile))
        records.append(contentsOf: tileRecords)
    }

    var tileCount: Int { slotOfTile.count }

    /// Calls `body` with every cell that has a reading.
    func forEachCellWithReading(height: Int, _ body: (Int) -> Void) {
        for (slot, tile) in allocatedTiles.enumerated() {
            let tileRow = Int(tile) / tilesX, tileCol = Int(tile) % tilesX
            for offset in 0..<Self.tileCells where records[slot * Self.tileCells + offset].confidenceSum > 0 {
                let col = (tileCol << Self.tileShift) | (offset & (Self.tileSide - 1))
                let row = (tileRow << Self.tileShift) | (offset >> Self.tileShift)
                if col < width, row < height { body(row * width + col) }
            }
        }
    }
}
