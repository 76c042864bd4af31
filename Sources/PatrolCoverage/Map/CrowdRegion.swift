import PatrolCore

/// A connected area whose fused crowd density is at or above a threshold.
public struct CrowdRegion: Hashable, Sendable, Codable {
    public var cellCount: Int
    public var areaM2: Double
    /// Highest cell density, persons per m2.
    public var peakDensityPPM2: Double
    /// Area-weighted mean density, persons per m2.
    public var meanDensityPPM2: Double
    /// Density-weighted centre, local metres.
    public var centroid: Point2

    enum CodingKeys: String, CodingKey {
        case cellCount = "cell_count"
        case areaM2 = "area_m2"
        case peakDensityPPM2 = "peak_density_ppm2"
        case meanDensityPPM2 = "mean_density_ppm2"
        case centroid
    }

    public init(cellCount: Int, areaM2: Double, peakDensityPPM2: Double, meanDensityPPM2: Double, centroid: Point2) {
        self.cellCount = cellCount
        self.areaM2 = areaM2
        self.peakDensityPPM2 = peakDensityPPM2
        self.meanDensityPPM2 = meanDensityPPM2
        self.centroid = centroid
    }
}

extension CoverageMap {
    /// The 8-connected regions of cells whose fused density is at least `thresholdPPM2`, counting only
    /// readings whose confidence, decayed to `nowMS`, is at least `minConfidence`. Visits only the tiles
    /// that ever got a density reading.
    /// - Returns: regions, densest first.
    public func crowdRegions(nowMS: Int64, thresholdPPM2: Double, minConfidence: Double = 0.1) -> [CrowdRegion] {
        var dense: [Int: Double] = [:]
        density.forEachDenseCell(nowMS: nowMS, thresholdPPM2: thresholdPPM2, minConfidence: minConfidence,
                                 height: layout.height) { cell, densityPPM2 in
            dense[cell] = densityPPM2
        }
        let width = layout.width, height = layout.height, cellM = layout.cellM, origin = layout.grid.origin
        var visited: Set<Int> = []
        var regions: [CrowdRegion] = []
        for start in dense.keys.sorted() where !visited.contains(start) {
            visited.insert(start)
            var stack = [start]
            var count = 0, peak = 0.0, sum = 0.0, sumX = 0.0, sumY = 0.0
            while let cell = stack.popLast() {
                let value = dense[cell] ?? 0
                let col = cell % width, row = cell / width
                count += 1
                peak = max(peak, value)
                sum += value
                sumX += value * (Double(col) + 0.5)
                sumY += value * (Double(row) + 0.5)
                for deltaRow in -1...1 {
                    for deltaCol in -1...1 where deltaRow != 0 || deltaCol != 0 {
                        let nextCol = col + deltaCol, nextRow = row + deltaRow
                        guard nextCol >= 0, nextRow >= 0, nextCol < width, nextRow < height else { continue }
                        let next = nextRow * width + nextCol
                        if dense[next] != nil, visited.insert(next).inserted { stack.append(next) }
                    }
                }
            }
            let centroid = sum > 0 ? Point2(x: origin.x + sumX / sum * cellM, y: origin.y + sumY / sum * cellM)
                : Point2(x: origin.x, y: origin.y)
            regions.append(CrowdRegion(cellCount: count, areaM2: Double(count) * cellM * cellM, peakDensityPPM2: peak,
                                       meanDensityPPM2: sum / Double(count), centroid: centroid))
        }
        return regions.sorted { $0.peakDensityPPM2 != $1.peakDensityPPM2 ? $0.peakDensityPPM2 > $1.peakDensityPPM2
            : ($0.centroid.x, $0.centroid.y) < ($1.centroid.x, $1.centroid.y) }
    }
}
