import PatrolCore

/// Finds the walkable cell nearest to a point by searching square rings around it.
struct NearestCellSearch {
    let grid: SiteGrid
    let walkable: [Bool]

    func nearest(to point: Point2, maxRings: Int = 256) -> Int? {
        let col = Int(((point.x - grid.origin.x) / grid.cellM).rounded(.down))
        let row = Int(((point.y - grid.origin.y) / grid.cellM).rounded(.down))
        for ring in 0...maxRings {
            var best: (cell: Int, distance: Double)?
            for dy in -ring...ring {
                for dx in -ring...ring where max(abs(dx), abs(dy)) == ring {
                    let c = col + dx, r = row + dy
                    guard c >= 0, r >= 0, c < grid.width, r < grid.height else { continue }
                    let cell = r * grid.width + c
                    guard walkable[cell] else { continue }
                    let distance = grid.center(ofCell: cell).distance(to: point)
                    if best == nil || distance < best!.distance { best = (cell, distance) }
                }
            }
            if let best { return best.cell }
        }
        return nil
    }
}
