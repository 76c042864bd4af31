/// Divides cell indices by the grid width with a multiply and a shift instead of a hardware division,
/// which costs more than the rest of a density update per cell.
///
/// `row = (cell * multiplier) >> 40` with `multiplier = ceil(2^40 / width)`. The result is monotone in
/// `cell`, so checking both ends of every row when the divider is built proves it exact for the whole
/// grid; grids it cannot serve (over 8 M cells, or a failed check) fall back to plain division.
struct RowDivider: Sendable {
    let width: Int
    private let multiplier: UInt64
    private let exact: Bool

    init(width: Int, height: Int) {
        self.width = width
        let shifted: UInt64 = 1 << 40
        multiplier = (shifted + UInt64(width) - 1) / UInt64(width)
        var exact = width > 0 && width * height <= 1 << 23
        if exact {
            for row in 0..<height {
                let first = UInt64(row * width), last = UInt64(row * width + width - 1)
                if Int((first &* multiplier) >> 40) != row || Int((last &* multiplier) >> 40) != row {
                    exact = false
                    break
                }
            }
        }
        self.exact = exact
    }

    /// The row of a cell index.
    @inline(__always)
    func row(of cell: Int) -> Int {
        exact ? Int((UInt64(truncatingIfNeeded: cell) &* multiplier) >> 40) : cell / width
    }
}
