/// The live coverage map (`CoverageReply`): idleness per cell, run-length encoded row-major from
/// (`minXM`, `minYM`). Use `RunLengths` to build and read the runs.
public struct CoverageReply: Hashable, Sendable {
    /// Milliseconds since the Unix epoch.
    public var hubTimeMS: Int64
    /// Cells; `width * height <= WireLimits.maxCoverageCells`.
    public var width: UInt32
    /// Cells.
    public var height: UInt32
    /// Cell size, metres > 0.
    public var cellM: Double
    /// West edge of the map, metres east of the origin.
    public var minXM: Double
    /// South edge of the map, metres north of the origin.
    public var minYM: Double
    /// Cells in each run, each >= 1, summing to `width * height`; empty when cells were not requested.
    public var runLengths: [UInt32]
    /// Idleness of each run in whole seconds, `RunLengths.notPatrolCell` for cells that are not patrol cells;
    /// as many as `runLengths`.
    public var runIdlenessS: [UInt32]
    public var metrics: PatrolMetrics

    public init(hubTimeMS: Int64, width: UInt32, height: UInt32, cellM: Double, minXM: Double, minYM: Double,
                runLengths: [UInt32] = [], runIdlenessS: [UInt32] = [], metrics: PatrolMetrics) {
        self.hubTimeMS = hubTimeMS
        self.width = width
        self.height = height
        self.cellM = cellM
        self.minXM = minXM
        self.minYM = minYM
        self.runLengths = runLengths
        self.runIdlenessS = runIdlenessS
        self.metrics = metrics
    }

    /// The idleness of every cell, row-major, decoded from the runs.
    /// - Throws: `WireError` when the runs do not describe `width * height` cells.
    public func cellIdlenessS() throws(WireError) -> [UInt32] {
        try RunLengths.decode(lengths: runLengths, values: runIdlenessS, width: width, height: height)
    }
}

extension CoverageReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.timestamp(hubTimeMS, path.child("hub_time_ms"))
        try RunLengths.checkGrid(width: width, height: height, at: path)
        try Check.number(cellM, .leftOpen(0, 10_000), path.child("cell_m"))
        let horizontal = Bounds.closed(-WireLimits.maxHorizontalM, WireLimits.maxHorizontalM)
        try Check.number(minXM, horizontal, path.child("min_x_m"))
        try Check.number(minYM, horizontal, path.child("min_y_m"))
        // Without include_cells the hub leaves both run arrays empty.
        if !(runLengths.isEmpty && runIdlenessS.isEmpty) {
            try RunLengths.check(lengths: runLengths, values: runIdlenessS, width: width, height: height, at: path)
        }
        try metrics.validate(at: path.child("metrics"))
    }
}
