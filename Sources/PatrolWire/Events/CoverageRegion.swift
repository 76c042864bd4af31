/// A changed rectangle of the live map (`CoverageRegion`), run-length encoded row-major like `CoverageReply`.
public struct CoverageRegion: Hashable, Sendable {
    /// First column, cells.
    public var x0: UInt32
    /// First row, cells.
    public var y0: UInt32
    /// Cells.
    public var width: UInt32
    /// Cells.
    public var height: UInt32
    /// Cells in each run, each >= 1, summing to `width * height`.
    public var runLengths: [UInt32]
    /// Idleness of each run in whole seconds, `RunLengths.notPatrolCell` for non-patrol cells.
    public var runIdlenessS: [UInt32]

    public init(x0: UInt32, y0: UInt32, width: UInt32, height: UInt32, runLengths: [UInt32],
                runIdlenessS: [UInt32]) {
        self.x0 = x0
        self.y0 = y0
        self.width = width
        self.height = height
        self.runLengths = runLengths
        self.runIdlenessS = runIdlenessS
    }

    /// The idleness of every cell of the region, row-major.
    /// - Throws: `WireError` when the runs do not describe `width * height` cells.
    public func cellIdlenessS() throws(WireError) -> [UInt32] {
        try RunLengths.decode(lengths: runLengths, values: runIdlenessS, width: width, height: height)
    }
}

extension CoverageRegion: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        guard UInt64(x0) + UInt64(width) <= UInt64(UInt32.max) else {
            throw WireError(.outOfRange, field: path.child("x0").text, "x0 + width overflows 32 bits")
        }
        guard UInt64(y0) + UInt64(height) <= UInt64(UInt32.max) else {
            throw WireError(.outOfRange, field: path.child("y0").text, "y0 + height overflows 32 bits")
        }
        try RunLengths.checkGrid(width: width, height: height, at: path)
        try RunLengths.check(lengths: runLengths, values: runIdlenessS, width: width, height: height, at: path)
    }
}
