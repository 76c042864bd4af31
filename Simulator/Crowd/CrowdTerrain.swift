import Foundation
import PatrolCore

/// What pedestrians walk on, fixed for a run: the walkable cells, the wall repulsion per cell and every
/// destination's `nextStep` table, in flat buffers read by the crowd's inner loop.
///
/// Never changed after `init`, so copies of a crowd share one terrain.
final class CrowdTerrain {
    let width: Int
    let height: Int
    let cellM: Double
    let origin: Point2
    let cellCount: Int
    static let walkableFlag: UInt8 = 1
    static let nearWallFlag: UInt8 = 2
    /// Per cell, `walkableFlag` and `nearWallFlag`: one byte per cell keeps the table in cache.
    let flags: FlatBuffer<UInt8>
    /// Per cell, the wall repulsion acceleration (x, y), m/s^2; read only where `nearWallFlag` is set.
    let wallForce: FlatBuffer<SIMD2<Double>>
    /// Destination `d`'s `nextStep` code for cell `c` at `d * cellCount + c`.
    let nextStep: FlatBuffer<UInt8>

    init(grid: SiteGrid, walkable: [Bool], destinations: [CrowdDestination]) {
        width = grid.width
        height = grid.height
        cellM = grid.cellM
        origin = grid.origin
        cellCount = walkable.count
        let force = Self.wallField(width: width, height: height, cellM: cellM, walkable: walkable)
        wallForce = FlatBuffer(force)
        flags = FlatBuffer(walkable.indices.map { cell in
            (walkable[cell] ? Self.walkableFlag : 0) | (force[cell] != .zero ? Self.nearWallFlag : 0)
        })
        nextStep = FlatBuffer(destinations.flatMap(\.nextStep))
    }

    deinit {
        flags.free()
        wallForce.free()
        nextStep.free()
    }

    /// The cell containing a point, as `SiteGrid.cellIndex(containing:)` computes it; -1 off the grid.
    @inline(__always)
    func cellIndex(x: Double, y: Double) -> Int {
        let col = (x - origin.x) / cellM, row = (y - origin.y) / cellM
        // Checked before truncating, so truncation rounds down like the grid's `rounded(.down)`.
        guard col >= 0, row >= 0, col < Double(width), row < Double(height) else { return -1 }
        return Int(row) * width + Int(col)
    }

    /// Whether a cell index from `cellIndex(x:y:)` is on the grid and walkable.
    @inline(__always)
    func isWalkable(_ cell: Int) -> Bool { cell >= 0 && flags[cell] & Self.walkableFlag != 0 }

    /// Repulsion from non-walkable cells within 1.5 m, summed per walkable cell.
    private static func wallField(width: Int, height: Int, cellM: Double, walkable: [Bool]) -> [SIMD2<Double>] {
        var force = [SIMD2<Double>](repeating: .zero, count: walkable.count)
        let reach = max(1, Int((1.5 / cellM).rounded(.up)))
        for row in 0..<height {
            for col in 0..<width where walkable[row * width + col] {
                var sx = 0.0, sy = 0.0
                for dy in -reach...reach {
                    for dx in -reach...reach where dx != 0 || dy != 0 {
                        let c = col + dx, r = row + dy
                        let blocked = c < 0 || r < 0 || c >= width || r >= height || !walkable[r * width + c]
                        guard blocked else { continue }
                        let ox = -Double(dx) * cellM, oy = -Double(dy) * cellM
                        let distance = (ox * ox + oy * oy).squareRoot()
                        // Distance from the wall's face rather than its centre.
                        let gap = max(0, distance - cellM / 2)
                        let magnitude = 3.0 * exp(-gap / 0.3)
                        sx += ox / distance * magnitude
                        sy += oy / distance * magnitude
                    }
                }
                force[row * width + col] = SIMD2(sx, sy)
            }
        }
        return force
    }
}
