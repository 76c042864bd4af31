import Foundation

/// Crowd density fused from many observations, per density cell, stored only in the tiles that ever got a
/// reading.
///
/// A density cell is a square block of grid cells at least about 2 m on a side (2 x 2 cells at 1 m,
/// 4 x 4 at 0.5 m, one cell from 2 m up): a count over a single square metre says little, crowd-safety
/// densities are judged over a few square metres, and a 4 M-cell site at 1 m then needs at most 8 MB here.
/// Each grid cell of a footprint adds its share of the reading to its block, so a block seen whole gets
/// the reading's full confidence and a block seen in part gets that part.
///
/// Each reading is a density `d` (persons per m2), a confidence `c` in (0, 1] and a capture time `t`.
/// A cell keeps two sums over its readings, each weighted by `c * exp((t - epoch) / tau)`: of `d`, and of
/// 1. Their ratio is the confidence- and recency-weighted mean density, and the second sum times
/// `exp(-(now - epoch) / tau)` is the confidence left at `now`. Both are plain sums, so the fused value
/// does not depend on the order the readings arrive in (up to rounding), and a cell needs 8 bytes.
/// When new readings would make the weights too large for `Float`, the epoch moves forward and every
/// allocated cell is scaled down once.
struct CrowdDensityLayer: Sendable {
    static let tileShift = 6
    static var tileSide: Int { 1 << tileShift }
    static var tileCells: Int { tileSide * tileSide }
    /// Largest weight exponent `(t - epoch) / tau` before the epoch moves: e^40 leaves `Float` ample room.
    static let maxExponent = 40.0

    /// Grid width, cells.
    let width: Int
    /// A density cell is `1 << blockShift` grid cells on a side.
    let blockShift: Int
    /// Density cells across.
    let blocksX: Int
    let tilesX: Int
    private let rows: RowDivider
    /// Time constant of the decay, seconds.
    let tauS: Double
    /// Weights are relative to this time, ms.
    private(set) var epochMS: Int64?
    /// Per tile: its slot in `records`, or -1 while the tile has no reading.
    private var slotOfTile: [Int32]
    /// Tiles with a slot, in slot order.
    private(set) var allocatedTiles: [Int32] = []
    /// The allocated tiles' cells, tile after tile, row-major within a tile.
    private var records: [Record] = []

    /// One cell's fused readings.
    struct Record: Equatable, Sendable {
        /// Sum of `c * w * d`, with `w = exp((t - epoch) / tau)`.
        var weightedSum: Float = 0
        /// Sum of `c * w`; 0 for a cell without a reading.
        var confidenceSum: Float = 0
    }

    /// - Parameters:
    ///   - width, height: the grid's size in cells.
    ///   - cellM: the grid's cell size, metres.
    ///   - tauS: time constant of the decay, seconds.
    init(width: Int, height: Int, cellM: Double, tauS: Double) {
        self.width = width
        self.tauS = tauS
        var shift = 0
        while shift < 4, Double(1 << shift) * cellM < 1.99 { shift += 1 }
        blockShift = shift
        rows = RowDivider(width: width, height: height)
        let side = 1 << shift
        blocksX = (width + side - 1) >> shift
        let blocksY = (height + side - 1) >> shift
        tilesX = (blocksX + Self.tileSide - 1) >> Self.tileShift
        let tilesY = (blocksY + Self.tileSide - 1) >> Self.tileShift
        slotOfTile = [Int32](repeating: -1, count: tilesX * tilesY)
    }

    /// Grid cells per density cell.
    var cellsPerBlock: Int { 1 << (2 * blockShift) }

    /// Bytes held by the allocated tiles.
    var allocatedBytes: Int { records.count * MemoryLayout<Record>.stride + slotOfTile.count * 4 }

    var tileCount: Int { slotOfTile.count }

    /// The record index of a cell, or nil when its tile has none.
    private func recordIndex(ofCell cell: Int) -> Int? {
        let gridRow = rows.row(of: cell)
        let row = gridRow >> blockShift, col = (cell - gridRow * width) >> blockShift
        let slot = Int(slotOfTile[(row >> Self.tileShift) * tilesX + (col >> Self.tileShift)])
        guard slot >= 0 else { return nil }
        return slot * Self.tileCells + (((row & (Self.tileSide - 1)) << Self.tileShift) | (col & (Self.tileSide - 1)))
    }

    /// The weight of a reading taken at `atMS`, moving the epoch first when needed.
    private mutating func weight(atMS: Int64) -> Float {
        guard let epoch = epochMS else {
            epochMS = atMS
            return 1
        }
        let exponent = Double(atMS - epoch) / 1000 / tauS
        if exponent > Self.maxExponent {
            rebase(to: atMS)
            return 1
        }
        // Readings far older than the epoch weigh nothing, as they would after decaying to now.
        return Float(exp(max(exponent, -80)))
    }

    private mutating func rebase(to newEpochMS: Int64) {
        guard let epoch = epochMS else { return }
        let factor = Float(exp(-Double(newEpochMS - epoch) / 1000 / tauS))
        for index in records.indices {
            records[index].weightedSum *= factor
            records[index].confidenceSum *= factor
        }
        epochMS = newEpochMS
    }

    /// Adds one reading to each of `cells`.
    mutating func add(cells: [Int32], densityPPM2: Float, confidence: Float, atMS: Int64) {
        let weight = confidence * weight(atMS: atMS) / Float(cellsPerBlock)
        let weighted = weight * densityPPM2
        for cell32 in cells {
            let cell = Int(cell32)
            let index: Int
            if let existing = recordIndex(ofCell: cell) {
                index = existing
            } else {
                allocateTile(ofCell: cell)
                index = recordIndex(ofCell: cell) ?? 0
            }
            records[index].weightedSum += weighted
            records[index].confidenceSum += weight
        }
    }

    private mutating func allocateTile(ofCell cell: Int) {
        let gridRow = rows.row(of: cell)
        let row = gridRow >> blockShift, col = (cell - gridRow * width) >> blockShift
        let tile = (row >> Self.tileShift) * tilesX + (col >> Self.tileShift)
        slotOfTile[tile] = Int32(allocatedTiles.count)
        allocatedTiles.append(Int32(tile))
        records.append(contentsOf: repeatElement(Record(), count: Self.tileCells))
    }

    /// The fused density of a cell and the confidence left in it at `nowMS` (the readings' confidences,
    /// each decayed by its age); nil for a cell without a reading.
    func estimate(cell: Int, nowMS: Int64) -> (densityPPM2: Double, confidence: Double)? {
        guard let index = recordIndex(ofCell: cell), let epoch = epochMS else { return nil }
        let record = records[index]
        guard record.confidenceSum > 0 else { return nil }
        let density = Double(record.weightedSum) / Double(record.confidenceSum)
        let confidence = Double(record.confidenceSum) * exp(-Double(nowMS - epoch) / 1000 / tauS)
        return (density, confidence)
    }

    /// The records of an allocated tile (by its slot in `allocatedTiles`), for snapshots.
    func tileRecords(slot: Int) -> ArraySlice<Record> {
        records[(slot * Self.tileCells)..<((slot + 1) * Self.tileCells)]
    }

    /// Restores the epoch and a tile's records from a snapshot.
    mutating func restore(epochMS: Int64?) { self.epochMS = epochMS }

    mutating func restoreTile(_ tile: Int, records tileRecords: [Record]) {
        precondition(tileRecords.count == Self.tileCells && slotOfTile[tile] < 0)
        slotOfTile[tile] = Int32(allocatedTiles.count)
        allocatedTiles.append(Int32(tile))
        records.append(contentsOf: tileRecords)
    }

    /// Calls `body` with every grid cell of the density cells whose fused density is at least `thresholdPPM2`
    /// with at least `minConfidence` left at `nowMS`, and that density: the same test as `estimate` per grid
    /// cell, but made once per density cell with the decay computed once, since alert scans run twice a
    /// second over every tile that ever got a reading.
    func forEachDenseCell(nowMS: Int64, thresholdPPM2: Double, minConfidence: Double, height: Int,
                          _ body: (_ cell: Int, _ densityPPM2: Double) -> Void) {
        guard let epoch = epochMS else { return }
        let decay = exp(-Double(nowMS - epoch) / 1000 / tauS)
        let side = 1 << blockShift
        // A cheap Float test first, loose enough never to reject a record the exact Double test accepts: most
        // records are far below the threshold.
        let looseThreshold = thresholdPPM2 > 0 ? Float(thresholdPPM2 * 0.99) : -Float.infinity
        records.withUnsafeBufferPointer { records in
            for (slot, tile) in allocatedTiles.enumerated() {
                let tileRow = Int(tile) / tilesX, tileCol = Int(tile) % tilesX
                for offset in 0..<Self.tileCells {
                    let record = records[slot * Self.tileCells + offset]
                    guard record.confidenceSum > 0, record.weightedSum >= looseThreshold * record.confidenceSum,
                          Double(record.confidenceSum) * decay >= minConfidence else { continue }
                    let density = Double(record.weightedSum) / Double(record.confidenceSum)
                    guard density >= thresholdPPM2 else { continue }
                    let blockCol = (tileCol << Self.tileShift) | (offset & (Self.tileSide - 1))
                    let blockRow = (tileRow << Self.tileShift) | (offset >> Self.tileShift)
                    for row in (blockRow << blockShift)..<((blockRow << blockShift) + side) where row < height {
                        for col in (blockCol << blockShift)..<((blockCol << blockShift) + side) where col < width {
                            body(row * width + col, density)
                        }
                    }
                }
            }
        }
    }
}
