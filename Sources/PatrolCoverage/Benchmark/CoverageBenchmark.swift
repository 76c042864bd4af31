import PatrolCore

/// Measures how fast observations merge into a coverage map, beside the brute-force visibility reference
/// in the same run (issue 5: 20,000+ typical drone footprints per second on one core, release build).
///
/// The site is synthetic and seeded: a square of `siteM` metres at 1 m cells with random buildings 5 to
/// 20 m tall; each observation is a drone at 30 m looking 45 degrees down with a 90-degree lens and
/// 40 m range (a footprint of about 1,200 cells before occlusion), a quarter of them with a person count.
public enum CoverageBenchmark {
    /// What one run measured.
    public struct Report: Hashable, Sendable, Codable {
        public var observations: Int
        public var bruteForceObservations: Int
        /// Observations merged per second through `CoverageMap.apply` (radial-sweep visibility).
        public var fastPerSecond: Double
        /// Observations merged per second with `Visibility.visibleCellsBruteForce` footprints.
        public var bruteForcePerSecond: Double
        /// Mean visible cells per footprint.
        public var meanFootprintCells: Double
        /// Observations (of the brute-force subset) whose fast footprint differs from the reference: 0 expected.
        public var footprintMismatches: Int
        public var gridCells: Int
        public var buildingCells: Int
    }

    /// Runs the benchmark.
    /// - Parameters:
    ///   - observations: observations merged by the fast path.
    ///   - bruteForceObservations: observations merged by the reference (it is orders of magnitude slower);
    ///     defaults to 1 % of `observations`, at least 1.
    ///   - seed: site and observation seed.
    ///   - siteM: side of the square site, metres.
    /// - Returns: both rates and a cross-check of the footprints.
    public static func run(observations: Int, seed: UInt64, bruteForceObservations: Int? = nil,
                           siteM: Double = 300) -> Report {
        var random = SeededRandom(seed: seed)
        let grid = makeGrid(siteM: siteM, random: &random)
        let patrolCells = (0..<grid.cellCount).filter { grid.inside[$0] && grid.buildingHeightM[$0] == 0 }
        // The inputs are built right here and consistent, so these calls cannot throw.
        let layout = try! CoverageLayout(grid: grid, patrolCells: patrolCells,
                                         weights: [Double](repeating: 1, count: patrolCells.count),
                                         revisitTargetsS: [Double](repeating: 120, count: patrolCells.count),
                                         fixedCameras: [], policy: Policy())
        let stream = makeObservations(count: max(observations, 1), siteM: siteM, random: &random)
        let clock = ContinuousClock()

        var fastMap = CoverageMap(layout: layout, startMS: 0)
        var footprintCells = 0
        let fastElapsed = clock.measure {
            for observation in stream {
                if case .merged(let cells) = try! fastMap.apply(observation) { footprintCells += cells }
            }
        }

        let referenceCount = max(1, min(stream.count, bruteForceObservations ?? stream.count / 100))
        var referenceMap = CoverageMap(layout: layout, startMS: 0)
        var mismatches = 0
        var referenceCells: [[Int]] = []
        referenceCells.reserveCapacity(referenceCount)
        let referenceElapsed = clock.measure {
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
        for (observation, reference) in zip(stream, referenceCells) {
            let fast = CoverageMap.sector(of: observation).map { Visibility.visibleCells(in: grid, from: $0) } ?? []
            if fast != reference { mismatches += 1 }
        }

        func perSecond(_ count: Int, _ duration: Duration) -> Double {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
            return seconds > 0 ? Double(count) / seconds : .infinity
        }
        return Report(observations: stream.count, bruteForceObservations: referenceCount,
                      fastPerSecond: perSecond(stream.count, fastElapsed),
                      bruteForcePerSecond: perSecond(referenceCount, referenceElapsed),
                      meanFootprintCells: Double(footprintCells) / Double(stream.count),
                      footprintMismatches: mismatches, gridCells: grid.cellCount,
                      buildingCells: grid.buildingHeightM.filter { $0 > 0 }.count)
    }

    /// A square site with random rectangular buildings covering roughly a tenth of it.
    static func makeGrid(siteM: Double, random: inout SeededRandom) -> SiteGrid {
        let boundary = Polygon(points: [Point2(x: 0, y: 0), Point2(x: siteM, y: 0), Point2(x: siteM, y: siteM),
                                        Point2(x: 0, y: siteM)])
        var buildings: [Building] = []
        let count = Int(siteM * siteM * 0.1 / 150)
        for _ in 0..<count {
            let width = 6 + random.nextUnit() * 14, depth = 6 + random.nextUnit() * 14
            let x = random.nextUnit() * (siteM - width), y = random.nextUnit() * (siteM - depth)
            let footprint = Polygon(points: [Point2(x: x, y: y), Point2(x: x + width, y: y),
                                             Point2(x: x + width, y: y + depth), Point2(x: x, y: y + depth)])
            buildings.append(Building(footprint: footprint, heightM: 5 + random.nextUnit() * 15))
        }
        return SiteGrid(site: Site(boundary: boundary, buildings: buildings), cellM: 1)
    }

    /// Drones criss-crossing the site, 50 devices reporting in turn, 1 ms apart.
    static func makeObservations(count: Int, siteM: Double, random: inout SeededRandom) -> [CameraObservation] {
        (0..<count).map { index in
            let position = Point3(x: random.nextUnit() * siteM, y: random.nextUnit() * siteM, z: 30)
            let counted = index % 4 == 0
            return CameraObservation(deviceID: "drone-\(index % 50)", capturedMS: Int64(index), position: position,
                                     headingDeg: random.nextUnit() * 360, pitchDeg: 45, fovDeg: 90, rangeM: 40,
                                     personCount: counted ? Int(random.nextUnit() * 200) : nil,
                                     countConfidence: counted ? 0.5 + random.nextUnit() / 2 : 1)
        }
    }
}
