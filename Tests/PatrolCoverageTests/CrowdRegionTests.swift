import Foundation
import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct CrowdRegionTests {
    /// The regions by the definition: every cell's own estimate, then an 8-connected flood fill in cell order.
    func referenceRegions(_ map: CoverageMap, nowMS: Int64, thresholdPPM2: Double,
                          minConfidence: Double) -> [CrowdRegion] {
        let width = map.layout.width, height = map.layout.height, cellM = map.layout.cellM
        let origin = map.layout.grid.origin
        var dense: [Int: Double] = [:]
        for cell in 0..<map.cellCount {
            if let estimate = map.crowdDensity(ofCell: cell, nowMS: nowMS), estimate.confidence >= minConfidence,
               estimate.densityPPM2 >= thresholdPPM2 { dense[cell] = estimate.densityPPM2 }
        }
        var visited: Set<Int> = []
        var regions: [CrowdRegion] = []
        for start in dense.keys.sorted() where visited.insert(start).inserted {
            var stack = [start], count = 0, peak = 0.0, sum = 0.0, sumX = 0.0, sumY = 0.0
            while let cell = stack.popLast() {
                let value = dense[cell] ?? 0, col = cell % width, row = cell / width
                count += 1
                peak = max(peak, value)
                sum += value
                sumX += value * (Double(col) + 0.5)
                sumY += value * (Double(row) + 0.5)
                for deltaRow in -1...1 {
                    for deltaCol in -1...1 {
                        let nextCol = col + deltaCol, nextRow = row + deltaRow
                        guard nextCol >= 0, nextRow >= 0, nextCol < width, nextRow < height else { continue }
                        let next = nextRow * width + nextCol
                        if dense[next] != nil, visited.insert(next).inserted { stack.append(next) }
                    }
                }
            }
            regions.append(CrowdRegion(cellCount: count, areaM2: Double(count) * cellM * cellM, peakDensityPPM2: peak,
                                       meanDensityPPM2: sum / Double(count),
                                       centroid: Point2(x: origin.x + sumX / sum * cellM,
                                                        y: origin.y + sumY / sum * cellM)))
        }
        return regions.sorted { $0.peakDensityPPM2 != $1.peakDensityPPM2 ? $0.peakDensityPPM2 > $1.peakDensityPPM2
            : ($0.centroid.x, $0.centroid.y) < ($1.centroid.x, $1.centroid.y) }
    }

    @Test(arguments: [1.0, 0.5])
    func regionsMatchThePerCellDefinition(cellM: Double) throws {
        let grid = TestSites.grid(width: Int(90 / cellM), height: Int(70 / cellM), cellM: cellM)
        let layout = try TestSites.layout(grid: grid)
        var map = CoverageMap(layout: layout, startMS: 0)
        for observation in TestSites.observations(count: 160, devices: 6, grid: grid, seed: 11) {
            try map.apply(observation)
        }
        var compared = 0
        for (nowMS, threshold, confidence) in [(40_000, 0.02, 0.1), (40_000, 0.05, 0.3), (70_000, 0.02, 0.1),
                                               (40_000, 100.0, 0.1)] as [(Int64, Double, Double)] {
            let fast = map.crowdRegions(nowMS: nowMS, thresholdPPM2: threshold, minConfidence: confidence)
            let reference = referenceRegions(map, nowMS: nowMS, thresholdPPM2: threshold, minConfidence: confidence)
            #expect(fast == reference, "now \(nowMS) ms, threshold \(threshold), confidence \(confidence)")
            compared += reference.count
        }
        // The seeded stream gives regions to compare, not only empty lists.
        #expect(compared > 3)
    }

    @Test func aDenseCountFormsOneRegionWhereTheCameraLooked() throws {
        let grid = TestSites.grid(width: 60, height: 60)
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        // A drone straight above (30, 30) counting 900 people in its footprint.
        let outcome = try map.apply(CameraObservation(deviceID: "drone-1", capturedMS: 1_000,
                                                      position: Point3(x: 30, y: 30, z: 20), headingDeg: 0,
                                                      pitchDeg: 90, fovDeg: 60, rangeM: 30, personCount: 900,
                                                      countConfidence: 1))
        guard case .merged(let cells) = outcome else { Issue.record("expected a merge, got \(outcome)"); return }
        let regions = map.crowdRegions(nowMS: 2_000, thresholdPPM2: 1)
        #expect(regions.count == 1)
        let region = try #require(regions.first)
        #expect(abs(region.centroid.x - 30) < 2 && abs(region.centroid.y - 30) < 2)
        #expect(region.peakDensityPPM2 > 1 && region.cellCount >= cells / 2)
        // Long after, the reading's confidence has decayed below the default floor: no region.
        #expect(map.crowdRegions(nowMS: 1_000 + 600_000, thresholdPPM2: 1).isEmpty)
    }
}
