/// A run-length encoded sequence of per-cell idleness values in whole seconds, for the wire.
///
/// `lengths[i]` consecutive cells share `valuesS[i]`; `notPatrol` marks cells that are not patrol cells
/// (outside the site, buildings, cells an online fixed camera watches). A stale area or a freshly seen
/// footprint is one run per row stretch, so a 4 M-cell map is far smaller than its cells.
public struct IdlenessRuns: Hashable, Sendable, Codable {
    /// The value of cells that are not patrol cells.
    public static let notPatrol = UInt32.max

    public var lengths: [UInt32]
    public var valuesS: [UInt32]

    enum CodingKeys: String, CodingKey {
        case lengths
        case valuesS = "values_s"
    }

    public init(lengths: [UInt32] = [], valuesS: [UInt32] = []) {
        self.lengths = lengths
        self.valuesS = valuesS
    }

    /// Encodes a sequence of values.
    public init(encoding values: some Sequence<UInt32>) {
        self.init()
        for value in values { append(value) }
    }

    /// Cells described.
    public var cellCount: Int { lengths.reduce(0) { $0 + Int($1) } }

    /// Adds one cell's value, extending the last run when it matches.
    public mutating func append(_ value: UInt32) {
        if let last = valuesS.last, last == value, lengths[lengths.count - 1] < UInt32.max {
            lengths[lengths.count - 1] += 1
        } else {
            lengths.append(1)
            valuesS.append(value)
        }
    }

    /// The values, cell by cell.
    /// - Throws: `CoverageError.observation` when `lengths` and `valuesS` differ in count.
    public func decoded() throws(CoverageError) -> [UInt32] {
        guard lengths.count == valuesS.count else {
            throw .observation("idleness runs have \(lengths.count) lengths but \(valuesS.count) values")
        }
        var values: [UInt32] = []
        values.reserveCapacity(cellCount)
        for (length, value) in zip(lengths, valuesS) { values.append(contentsOf: repeatElement(value, count: Int(length))) }
        return values
    }
}

/// A rectangle of the map that changed since a mark, with its cells' idleness row by row.
public struct ChangedRegion: Hashable, Sendable, Codable {
    public var rectangle: CellRectangle
    /// Row-major over the rectangle, southern row first.
    public var runs: IdlenessRuns

    public init(rectangle: CellRectangle, runs: IdlenessRuns) {
        self.rectangle = rectangle
        self.runs = runs
    }
}
