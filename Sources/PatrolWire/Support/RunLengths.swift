/// The run-length encoding of coverage maps (`CoverageReply`, `CoverageRegion`): row-major cell values as
/// parallel arrays of run lengths and run values.
public enum RunLengths {
    /// The idleness value of a cell that is not a patrol cell.
    public static let notPatrolCell = UInt32.max

    /// Encodes row-major cell values as runs of equal values.
    /// - Parameter cells: one value per cell.
    /// - Returns: run lengths (each >= 1, summing to `cells.count`) and the value of each run.
    public static func encode(_ cells: [UInt32]) -> (lengths: [UInt32], values: [UInt32]) {
        var lengths: [UInt32] = []
        var values: [UInt32] = []
        for cell in cells {
            // A run is capped at UInt32.max cells; the next cell then starts a new run of the same value.
            if let last = values.last, last == cell, lengths[lengths.count - 1] < UInt32.max {
                lengths[lengths.count - 1] += 1
            } else {
                lengths.append(1)
                values.append(cell)
            }
        }
        return (lengths, values)
    }

    /// Decodes runs into `width * height` row-major cell values.
    /// - Parameters:
    ///   - lengths: cells in each run.
    ///   - values: the value of each run.
    ///   - width: grid width, cells.
    ///   - height: grid height, cells.
    /// - Returns: one value per cell.
    /// - Throws: `WireError` when the arrays differ in length, a run is empty, the lengths do not sum to
    ///   `width * height`, or the grid exceeds `WireLimits.maxCoverageCells`.
    public static func decode(lengths: [UInt32], values: [UInt32], width: UInt32,
                              height: UInt32) throws(WireError) -> [UInt32] {
        try checkGrid(width: width, height: height, at: .root)
        try check(lengths: lengths, values: values, width: width, height: height, at: .root)
        var cells: [UInt32] = []
        cells.reserveCapacity(Int(UInt64(width) * UInt64(height)))
        for (length, value) in zip(lengths, values) {
            cells.append(contentsOf: repeatElement(value, count: Int(length)))
        }
        return cells
    }

    /// `width * height` stays within `WireLimits.maxCoverageCells`.
    static func checkGrid(width: UInt32, height: UInt32, at path: FieldPath) throws(WireError) {
        let cells = UInt64(width) * UInt64(height)
        guard cells <= WireLimits.maxCoverageCells else {
            throw WireError(.tooLarge, field: path.child("width").text,
                            "\(width) x \(height) = \(cells) cells; expected at most \(WireLimits.maxCoverageCells)")
        }
    }

    /// The runs describe exactly `width * height` cells. Sums are taken in 64 bits: at most
    /// `maxCoverageCells` runs of at most `UInt32.max` cells cannot overflow them.
    static func check(lengths: [UInt32], values: [UInt32], width: UInt32, height: UInt32,
                      at path: FieldPath) throws(WireError) {
        let cells = UInt64(width) * UInt64(height)
        guard lengths.count == values.count else {
            throw WireError(.inconsistent, field: path.child("run_idleness_s").text,
                            "\(values.count) values for \(lengths.count) run lengths; expected as many")
        }
        guard UInt64(lengths.count) <= cells else {
            throw WireError(.tooLarge, field: path.child("run_lengths").text,
                            "\(lengths.count) runs for \(cells) cells")
        }
        var total: UInt64 = 0
        for (index, length) in lengths.enumerated() {
            guard length > 0 else {
                throw WireError(.outOfRange, field: path.child("run_lengths").index(index).text,
                                "a run of 0 cells; expected >= 1")
            }
            total += UInt64(length)
        }
        guard total == cells else {
            throw WireError(.inconsistent, field: path.child("run_lengths").text,
                            "runs sum to \(total) cells; expected width x height = \(width) x \(height) = \(cells)")
        }
    }
}
