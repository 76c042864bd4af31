import PatrolCore

#if canImport(Glibc)
import Glibc
#endif

/// Measures how fast observations merge into a coverage map, beside the brute-force visibility reference
/// in the same run (issue 5: 20,000+ typical drone footprints per second on one core, release build).
///
/// Each observation is a drone at 30 m looking 45 degrees down with an 80-degree lens and 40 m range (a
/// footprint of about 1,000 cells of 1 m before occlusion), a quarter of them with a person count, from
/// 50 devices in turn. The site is a seeded synthetic square (an open plaza with pavilions by default)
/// or a grid the caller passes (a mission's site at 1 m cells).
///
/// Rates are per second of the calling thread's CPU time where the platform has a thread clock, so
/// other processes on a shared machine do not distort them; wall-clock rates are reported beside them.
public enum CoverageBenchmark {
    /// What one run measured.
    public struct Report: Hashable, Sendable, Codable {
        public var observations: Int
        public var bruteForceObservations: Int
        /// Observations merged per CPU second through `CoverageMap.apply` (fast visibility, then merge).
        public var fastPerSecond: Double
        /// Observations merged per CPU second with `Visibility.visibleCellsBruteForce` footprints.
        public var bruteForcePerSecond: Double
        /// Footprints computed per CPU second by `Visibility.forEachVisibleCell` alone (nothing merged): the
        /// share of the fast rate that the visibility code takes.
        public var visibilityOnlyPerSecond: Double
        /// The same two rates per wall-clock second.
        public var fastPerWallSecond: Double
        public var bruteForcePerWallSecond: Double
        /// Mean visible cells per footprint.
        public var meanFootprintCells: Double
        /// Visible cells counted by the visibility-only pass; equals the cells merged by the fast pass.
        public var visibilityOnlyCells: Int
        /// Observations (of the brute-force subset) whose fast footprint differs from the reference: 0 expected.
        public var footprintMismatches: Int
        public var gridCells: Int
        public var buildingCells: Int
    }

    /// Runs the benchmark on a synthetic square site at 1 m cells.
    /// - Parameters:
    ///   - observations: observations merged by the fast path.
    ///   - seed: site and observation seed.
    ///   - bruteForceObservations: observations merged by the reference (it is orders of magnitude slower);
    ///     defaults to 1 % of `observations`, at least 1.
    ///   - siteM: side of the square site, metres.
    ///   - buildingShare: share of the site covered by buildings 5 to 20 m tall; the default, 1 %, is about
    ///     the bundled plaza's (0.8 % of its cells at 1 m), denser built-up sites cost the visibility more.
    /// - Returns: both rates and a cross-check of the footprints.
    public static func run(observations: Int, seed: UInt64, bruteForceObservations: Int? = nil, siteM: Double = 300,
                           buildingShare: Double = 0.01) -> Report {
        var random = SeededRandom(seed: seed)
        let grid = makeGrid(siteM: siteM, buildingShare: buildingShare, random: &random)
        return run(observations: observations, seed: random.next(), grid: grid,
                   bruteForceObservations: bruteForceObservations)
    }

    /// Runs the benchmark on the caller's grid (for instance a mission's site rasterized at 1 m).
    public static func run(observations: Int, seed: UInt64, grid: SiteGrid, bruteForceObservations: Int? = nil) -> Report {
        var random = SeededRandom(seed: seed)
        let patrolCells = (0..<grid.cellCount).filter { grid.inside[$0] && grid.buildingHeightM[$0] == 0 }
        // The inputs are built right here and consistent, so these calls cannot throw.
        let layout = try! CoverageLayout(grid: grid, patrolCells: patrolCells,
                                         weights: [Double](repeating: 1, count: patrolCells.count),
                                         revisitTargetsS: [Double](repeating: 120, count: patrolCells.count),
                                         fixedCameras: [], policy: Policy())
        let stream = makeObservations(count: max(observations, 1), grid: grid, random: &random)

        var fastMap = CoverageMap(layout: layout, startMS: 0)
        var footprintCells = 0
        let fast = measure {
            for observation in stream {
                if case .merged(let cells) = try! fastMap.apply(observation) { footprintCells += cells }
            }
        }

        var visibleCells = 0
        let visibilityOnly = measure {
            for observation in stream {
                guard let sector = CoverageMap.sector(of: observation) else { continue }
                Visibility.forEachVisibleCell(in: grid, from: sector) { _ in visibleCells += 1 }
            }
        }

        let referenceCount = max(1, min(stream.count, bruteForceObservations ?? stream.count / 100))
        var referenceMap = CoverageMap(layout: layout, startMS: 0)
        var referenceCells: [[Int]] = []
        referenceCells.reserveCapacity(referenceCount)
        let reference = measure {
            for observation in stream.prefix(referenceCount) {
                let cells = CoverageMap.sector(of: observation).map {
                    Visibility.visibleCellsBruteForce(in: grid, from: $0)
                } ?? []
                let density = observation.personCount.map {
                    Double($0) / (Double(max(1, cells.count)) * grid.cellM * grid.cellM)
                }
                try! referenceMap.merge(cells: cells.map { Int32($0) }, deviceID: observation.deviceID,
                                        capturedMS: observation.capturedMS, densityPPM2: density,
                                        confidence: observation.countConfidence)
                referenceCells.append(cells)
            }
        }
        var mismatches = 0
        for (observation, cells) in zip(stream, referenceCells) {
            let fastCells = CoverageMap.sector(of: observation).map { Visibility.visibleCells(in: grid, from: $0) } ?? []
            if fastCells != cells { mismatches += 1 }
        }
        return Report(observations: stream.count, bruteForceObservations: referenceCount,
                      fastPerSecond: Double(stream.count) / fast.cpuS,
                      bruteForcePerSecond: Double(referenceCount) / reference.cpuS,
                      visibilityOnlyPerSecond: Double(stream.count) / visibilityOnly.cpuS,
                      fastPerWallSecond: Double(stream.count) / fast.wallS,
                      bruteForcePerWallSecond: Double(referenceCount) / reference.wallS,
                      meanFootprintCells: Double(footprintCells) / Double(stream.count), visibilityOnlyCells: visibleCells,
                      footprintMismatches: mismatches, gridCells: grid.cellCount,
                      buildingCells: grid.buildingHeightM.filter { $0 > 0 }.count)
    }

    /// Thread CPU seconds and wall seconds of `body`; CPU falls back to wall without a thread clock.
    static func measure(_ body: () -> Void) -> (cpuS: Double, wallS: Double) {
        let clock = ContinuousClock()
        let cpuStart = threadCPUSeconds()
        let elapsed = clock.measure(body)
        let wallS = max(1e-9, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        guard let cpuStart, let cpuEnd = threadCPUSeconds() else { return (wallS, wallS) }
        return (max(1e-9, cpuEnd - cpuStart), wallS)
    }

    static func threadCPUSeconds() -> Double? {
        #if canImport(Glibc)
        var spec = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec) == 0 else { return nil }
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
        #else
        return nil
        #endif
    }

    /// A square site at 1 m cells with random rectangular buildings 5 to 20 m tall covering about
    /// `buildingShare` of it.
    public static func makeGrid(siteM: Double, buildingShare: Double, random: inout SeededRandom) -> SiteGrid {
        let boundary = Polygon(points: [Point2(x: 0, y: 0), Point2(x: siteM, y: 0), Point2(x: siteM, y: siteM),
                                        Point2(x: 0, y: siteM)])
        var buildings: [Building] = []
        // Footprints average 13 x 13 m.
        let count = buildingShare > 0 ? max(1, Int(siteM * siteM * buildingShare / 169)) : 0
        for _ in 0..<count {
            let width = 6 + random.nextUnit() * 14, depth = 6 + random.nextUnit() * 14
            let x = random.nextUnit() * (siteM - width), y = random.nextUnit() * (siteM - depth)
            let footprint = Polygon(points: [Point2(x: x, y: y), Point2(x: x + width, y: y),
                                             Point2(x: x + width, y: y + depth), Point2(x: x, y: y + depth)])
            buildings.append(Building(footprint: footprint, heightM: 5 + random.nextUnit() * 15))
        }
        return SiteGrid(site: Site(boundary: boundary, buildings: buildings), cellM: 1)
    }

    /// Drones anywhere over the grid, 50 devices reporting in turn, 1 ms apart.
    public static func makeObservations(count: Int, grid: SiteGrid, random: inout SeededRandom) -> [CameraObservation] {
        let widthM = Double(grid.width) * grid.cellM, heightM = Double(grid.height) * grid.cellM
        return (0..<count).map { index in
            let position = Point3(x: grid.origin.x + random.nextUnit() * widthM,
                                  y: grid.origin.y + random.nextUnit() * heightM, z: 30)
            let counted = index % 4 == 0
            return CameraObservation(deviceID: "drone-\(index % 50)", capturedMS: Int64(index), position: position,
                                     headingDeg: random.nextUnit() * 360, pitchDeg: 45, fovDeg: 80, rangeM: 40,
                                     personCount: counted ? Int(random.nextUnit() * 200) : nil,
                                     countConfidence: counted ? 0.5 + random.nextUnit() / 2 : 1)
        }
    }
}
