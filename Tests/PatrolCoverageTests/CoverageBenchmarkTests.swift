import Testing
@testable import PatrolCoverage

@Suite struct CoverageBenchmarkTests {
    @Test func tinyRunMeasuresBothPathsAndTheirFootprintsAgree() {
        let report = CoverageBenchmark.run(observations: 40, seed: 11, bruteForceObservations: 2, siteM: 80, buildingShare: 0.05)
        #expect(report.observations == 40 && report.bruteForceObservations == 2)
        #expect(report.fastPerSecond > 0 && report.bruteForcePerSecond > 0)
        #expect(report.footprintMismatches == 0)
        #expect(report.meanFootprintCells > 200)
        #expect(report.buildingCells > 0)
    }
}
