/// Which square tiles of the map changed since a mark, so updates go out as regions, not cell by cell.
struct ChangeTracker: Sendable {
    /// Tiles are `1 << tileShift` cells on a side: 16, about a drone footprint's radius at 1-2 m cells, so a
    /// coverage event carries little beyond the cells that changed (64-cell tiles made the hub re-encode
    /// nearly the whole of a 400 x 300 map twice a second with 20 devices out).
    static let tileShift = 4
    static var tileSide: Int { 1 << tileShift }

    let width: Int
    let height: Int
    let tilesX: Int
    let tilesY: Int
    /// The version at which each tile last changed.
    private(set) var tileVersions: [UInt64]
    /// Increases by one for every mutation of the map.
    private(set) var version: UInt64 = 0

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        tilesX = (width + Self.tileSide - 1) >> Self.tileShift
        tilesY = (height + Self.tileSide - 1) >> Self.tileShift
        tileVersions = [UInt64](repeating: 0, count: tilesX * tilesY)
    }

    /// Starts a mutation; tiles touched next get the new version.
    mutating func begin() { version &+= 1 }

    /// Marks the tiles overlapping the cell rectangle [minCol, maxCol] x [minRow, maxRow], clamped to the map.
    mutating func touch(minCol: Int, maxCol: Int, minRow: Int, maxRow: Int) {
        let lowCol = max(0, minCol), highCol = min(width - 1, maxCol)
        let lowRow = max(0, minRow), highRow = min(height - 1, maxRow)
        guard lowCol <= highCol, lowRow <= highRow else { return }
        for tileRow in (lowRow >> Self.tileShift)...(highRow >> Self.tileShift) {
            for tileCol in (lowCol >> Self.tileShift)...(highCol >> Self.tileShift) {
                tileVersions[tileRow * tilesX + tileCol] = version
            }
        }
    }

    /// Marks the tile holding one cell.
    mutating func touch(cell: Int) {
        let col = cell % width, row = cell / width
        tileVersions[(row >> Self.tileShift) * tilesX + (col >> Self.tileShift)] = version
    }

    /// Marks every tile.
    mutating func touchAll() {
        for index in tileVersions.indices { tileVersions[index] = version }
    }

    /// Rectangles of cells (col, row, width, height) covering the tiles changed after `mark`: runs of
    /// adjacent changed tiles in a tile row merge into one rectangle.
    func changedRectangles(since mark: UInt64) -> [CellRectangle] {
        var rectangles: [CellRectangle] = []
        for tileRow in 0..<tilesY {
            var tileCol = 0
            while tileCol < tilesX {
                guard tileVersions[tileRow * tilesX + tileCol] > mark else {
                    tileCol += 1
                    continue
                }
                let first = tileCol
                while tileCol < tilesX, tileVersions[tileRow * tilesX + tileCol] > mark { tileCol += 1 }
                let col = first << Self.tileShift, row = tileRow << Self.tileShift
                rectangles.append(CellRectangle(col: col, row: row,
                                                width: min(width, tileCol << Self.tileShift) - col,
                                                height: min(height, row + Self.tileSide) - row))
            }
        }
        return rectangles
    }
}

/// A rectangle of grid cells: columns [col, col + width), rows [row, row + height).
public struct CellRectangle: Hashable, Sendable, Codable {
    public var col: Int
    public var row: Int
    public var width: Int
    public var height: Int

    public init(col: Int, row: Int, width: Int, height: Int) {
        self.col = col
        self.row = row
        self.width = width
        self.height = height
    }

    public var cellCount: Int { width * height }
}
