/// Minimum-cost assignment (the Hungarian algorithm with row and column potentials, O(n^3)): which device
/// takes which loop when the fleet is replanned. Assigning loops one by one to the nearest free device left
/// the last loops to devices across the site, so every replan sent devices on long transits and restarted
/// their patrols far from where they were.
enum MinCostAssignment {
    /// For a square matrix of finite costs (`costs[row][column]`), the column of each row in an assignment
    /// whose total cost is least. Deterministic: the same matrix gives the same assignment.
    static func solve(_ costs: [[Double]]) -> [Int] {
        let count = costs.count
        guard count > 0 else { return [] }
        precondition(costs.allSatisfy { $0.count == count }, "a square cost matrix")
        // 1-based internally; index 0 is the virtual column the augmenting search starts from.
        var rowPotential = [Double](repeating: 0, count: count + 1)
        var columnPotential = [Double](repeating: 0, count: count + 1)
        var rowOfColumn = [Int](repeating: 0, count: count + 1)
        var previousColumn = [Int](repeating: 0, count: count + 1)
        for row in 1...count {
            rowOfColumn[0] = row
            var column = 0
            var slack = [Double](repeating: .infinity, count: count + 1)
            var visited = [Bool](repeating: false, count: count + 1)
            repeat {
                visited[column] = true
                let current = rowOfColumn[column]
                var delta = Double.infinity, next = 0
                for candidate in 1...count where !visited[candidate] {
                    let reduced = costs[current - 1][candidate - 1] - rowPotential[current] - columnPotential[candidate]
                    if reduced < slack[candidate] {
                        slack[candidate] = reduced
                        previousColumn[candidate] = column
                    }
                    if slack[candidate] < delta {
                        delta = slack[candidate]
                        next = candidate
                    }
                }
                for candidate in 0...count {
                    if visited[candidate] {
                        rowPotential[rowOfColumn[candidate]] += delta
                        columnPotential[candidate] -= delta
                    } else {
                        slack[candidate] -= delta
                    }
                }
                column = next
            } while rowOfColumn[column] != 0
            // Flip the augmenting path back to the start.
            repeat {
                let previous = previousColumn[column]
                rowOfColumn[column] = rowOfColumn[previous]
                column = previous
            } while column != 0
        }
        var columnOfRow = [Int](repeating: -1, count: count)
        for column in 1...count where rowOfColumn[column] > 0 { columnOfRow[rowOfColumn[column] - 1] = column - 1 }
        return columnOfRow
    }
}
