import PatrolCore
import PatrolRender
import Testing

@Suite("Cell outlines")
struct CellOutlineTests {
    /// Cells from a picture, top row first, `#` for members.
    func cells(_ rows: [String]) -> (width: Int, height: Int, members: [Int]) {
        let height = rows.count, width = rows[0].count
        var members: [Int] = []
        for (top, line) in rows.enumerated() {
            for (column, character) in line.enumerated() where character == "#" {
                members.append((height - 1 - top) * width + column)
            }
        }
        return (width, height, members)
    }

    @Test("a ring with a hole and a separate block give two polygons with the right rings and areas")
    func holeAndTwoComponents() {
        let picture = cells([
            "#####...",
            "#...#.##",
            "#...#.##",
            "#####...",
        ])
        let outline = CellOutline(width: picture.width, height: picture.height, cellM: 2, origin: Point2(x: 10, y: 20))
        let polygons = outline.polygons(of: picture.members).sorted { $0.areaM2 > $1.areaM2 }
        #expect(polygons.count == 2)
        let ring = polygons[0], block = polygons[1]
        #expect(ring.exterior.count == 4)
        #expect(Set(ring.exterior) == [Point2(x: 10, y: 20), Point2(x: 20, y: 20), Point2(x: 20, y: 28),
                                       Point2(x: 10, y: 28)])
        #expect(ring.holes.count == 1)
        #expect(Set(ring.holes[0]) == [Point2(x: 12, y: 22), Point2(x: 18, y: 22), Point2(x: 18, y: 26),
                                       Point2(x: 12, y: 26)])
        #expect(ring.areaM2 == 14 * 4)
        #expect(Polygon(points: ring.exterior).signedAreaM2 > 0)
        #expect(Polygon(points: ring.holes[0]).signedAreaM2 < 0)
        #expect(block.holes.isEmpty && block.exterior.count == 4 && block.areaM2 == 16)
        // Each polygon names one of its own cells, so callers can attach per-region figures.
        #expect(outline.memberCell(of: ring).map { picture.members.contains($0) } == true)
        #expect(outline.memberCell(of: block).map { [14, 15, 22, 23].contains($0) } == true)
    }

    @Test("cells touching only at a corner are separate regions; an L shape keeps only its six corners")
    func diagonalAndCollinear() {
        let diagonal = cells(["#.", ".#"])
        let two = CellOutline(width: 2, height: 2, cellM: 1, origin: .zero).polygons(of: diagonal.members)
        #expect(two.count == 2 && two.allSatisfy { $0.exterior.count == 4 && $0.areaM2 == 1 })

        let shape = cells(["#...", "#...", "####"])
        let l = CellOutline(width: 4, height: 3, cellM: 1, origin: .zero).polygons(of: shape.members)
        #expect(l.count == 1 && l[0].exterior.count == 6 && l[0].areaM2 == 6)
    }

    @Test("a region touching itself at a corner around a hole keeps its hole and area")
    func selfTouching() {
        let picture = cells([
            "###.",
            "#.#.",
            "##.#",
            "...#",
        ])
        let polygons = CellOutline(width: 4, height: 4, cellM: 1, origin: .zero).polygons(of: picture.members)
        let total = polygons.reduce(0) { $0 + $1.areaM2 }
        #expect(total == Double(picture.members.count))
        #expect(polygons.count == 2)
        #expect(polygons.contains { $0.holes.count == 1 })
    }

    @Test("random masks: merged polygon areas always equal the member count", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomAreas(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let width = 40, height = 30
        let mask = (0..<(width * height)).map { _ in random.nextUnit() < 0.45 }
        let polygons = CellOutline(width: width, height: height, cellM: 0.5, origin: Point2(x: -3, y: 7))
            .polygons(mask: mask)
        let total = polygons.reduce(0) { $0 + $1.areaM2 }
        #expect(abs(total - Double(mask.filter { $0 }.count) * 0.25) < 1e-9)
        #expect(polygons.allSatisfy { Polygon(points: $0.exterior).signedAreaM2 > 0 })
    }
}
