import Foundation
import PatrolCore

/// What `patrolsim run` does: load the mission, run the simulation (or the three planners with
/// `--compare`), write the report, the PNG and the replay page, and say what happened.
public enum SimulationRunner {
    /// One `patrolsim run` invocation.
    public struct Request: Sendable {
        public var missionDirectory: URL
        public var options: SimulationOptions
        public var reportURL: URL?
        public var pngURL: URL?
        public var htmlURL: URL?
        /// Run ours, random and lawnmower on the same seed and print a table.
        public var compare: Bool

        public init(missionDirectory: URL, options: SimulationOptions, reportURL: URL? = nil, pngURL: URL? = nil,
                    htmlURL: URL? = nil, compare: Bool = false) {
            self.missionDirectory = missionDirectory
            self.options = options
            self.reportURL = reportURL
            self.pngURL = pngURL
            self.htmlURL = htmlURL
            self.compare = compare
        }
    }

    /// Runs the request.
    /// - Parameters:
    ///   - request: what to run and where to write.
    ///   - progress: called about once per wall second with the planner being run and where it is.
    ///   - say: receives the human-readable summary lines.
    /// - Returns: the report written (the hub planner's, with the comparison when asked).
    /// - Throws: `MissionError` for a bad mission, `SimulationError` or socket errors for a failed run.
    public static func run(_ request: Request, progress: (String, SimulationProgress) -> Void = { _, _ in },
                           say: (String) -> Void = { print($0) }) throws -> SimulationReport {
        let mission = try Mission.load(from: request.missionDirectory)
        var options = request.options
        options.recordReplay = request.htmlURL != nil
        let planners: [SimulationOptions.Planner] = request.compare
            ? [options.planner] + SimulationOptions.Planner.allCases.filter { $0 != options.planner }
            : [options.planner]

        var main: SimulationReport?
        var comparisons: [SimulationReport.Comparison] = []
        for planner in planners {
            var runOptions = options
            runOptions.planner = planner
            if let first = main {
                // Baselines are measured over the same window as the first run, so figures compare.
                runOptions.warmupS = first.metrics.warmupS
                runOptions.recordReplay = false
            }
            let simulation = try Simulation(mission: mission, options: runOptions)
            defer { simulation.close() }
            let report = try simulation.run { progress(planner.rawValue, $0) }
            comparisons.append(SimulationReport.Comparison(planner: planner.rawValue, metrics: report.metrics,
                                                          incidentsDetected: report.incidents.detected,
                                                          incidentsTotal: report.incidents.total))
            if main == nil {
                main = report
                if let htmlURL = request.htmlURL, let recorder = simulation.replay {
                    try ReplayPage.write(ReplayPage.html(mission: mission, recorder: recorder, report: report,
                                                         grid: simulation.grid), to: htmlURL)
                }
                if let pngURL = request.pngURL { try simulation.writeCoveragePNG(to: pngURL) }
            }
        }
        guard var report = main else { throw SimulationError("no planner to run") }
        if request.compare { report.compare = comparisons }
        if let reportURL = request.reportURL { try report.write(to: reportURL) }
        for line in summary(report) { say(line) }
        if request.compare { for line in comparisonTable(comparisons) { say(line) } }
        if let url = request.reportURL { say("report: \(url.path)") }
        if let url = request.pngURL { say("coverage map: \(url.path)") }
        if let url = request.htmlURL { say("replay: \(url.path)") }
        return report
    }

    /// What happened in a run, in a few lines.
    public static func summary(_ report: SimulationReport) -> [String] {
        let m = report.metrics
        var lines = [
            "\(report.mission): \(Int(report.simSeconds)) s simulated in \(String(format: "%.1f", report.wallSeconds)) s "
                + "(\(Int(report.speedUp.rounded()))x), planner \(report.planner), hub \(report.hub), seed \(report.seed)",
            "devices: " + report.devices.map { "\($0.id) \($0.finalState) \(Int($0.distanceM)) m" }.joined(separator: ", "),
            String(format: "coverage %.3f, avg idleness %.1f s, worst idleness %.1f s, worst ratio %.2f, blind exposure %.3f "
                   + "(window from %.0f s, %d cells)", m.coverageFraction, m.avgIdlenessS, m.worstIdlenessS, m.worstRatio,
                   m.blindExposure, m.warmupS, m.evaluatedCells),
        ]
        if let promise = report.planPromise {
            lines.append(String(format: "the first plan promised avg idleness %.1f s, worst idleness %.1f s, worst "
                                + "ratio %.2f with every device on patrol; %d plan(s) in the run", promise.avgIdlenessS,
                                promise.worstIdlenessS, promise.worstRatio, report.planEvents))
        }
        let incidents = report.incidents
        var incidentLine = "incidents: \(incidents.detected)/\(incidents.total) alerted by the hub, "
            + "\(incidents.reported) reported by devices"
        if let p50 = incidents.latencyP50S, let p95 = incidents.latencyP95S {
            incidentLine += String(format: ", latency p50 %.1f s p95 %.1f s", p50, p95)
        }
        if !incidents.alertsObserved { incidentLine += " (no event endpoint: alerts not observed)" }
        lines.append(incidentLine)
        let messages = report.messages
        lines.append("messages: \(messages.totalSent) sent ("
                     + messages.sent.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                     + "), \(messages.totalReceived) received ("
                     + messages.received.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                        .joined(separator: ", ") + ")")
        for fault in report.faults {
            let target = fault.device ?? fault.camera ?? "all devices"
            let notes = fault.notes.isEmpty ? "" : ": " + fault.notes.joined(separator: "; ")
            lines.append("fault \(fault.kind) on \(target) at \(Int(fault.atS)) s (\(fault.source)), "
                         + "applied \(fault.applied)x\(notes)")
        }
        if let pedestrians = report.pedestrians {
            lines.append("pedestrians: \(pedestrians.count); density background "
                         + String(format: "%.3f", pedestrians.backgroundPPM2) + " ppm2, hotspots "
                         + pedestrians.hotspots.map {
                             "\($0.id) " + String(format: "%.2f", $0.measuredPPM2)
                                 + ($0.expectedPPM2.map { String(format: " (expected %.2f)", $0) } ?? "")
                         }.joined(separator: ", "))
        }
        return lines
    }

    /// The `--compare` table: one row per planner.
    public static func comparisonTable(_ rows: [SimulationReport.Comparison]) -> [String] {
        var lines = ["", "planner     coverage  avg_idle_s  worst_idle_s  worst_ratio  blind_exp  incidents  latency_s"]
        for row in rows {
            let m = row.metrics
            let latency = m.detectionLatencyS.map { String(format: "%9.1f", $0) } ?? "        -"
            let name = row.planner.padding(toLength: 10, withPad: " ", startingAt: 0)
            let incidents = "\(row.incidentsDetected)/\(row.incidentsTotal)"
            lines.append(name + String(format: " %9.3f %11.1f %13.1f %12.2f %10.3f ", m.coverageFraction,
                                       m.avgIdlenessS, m.worstIdlenessS, m.worstRatio, m.blindExposure)
                         + String(repeating: " ", count: max(0, 10 - incidents.count)) + incidents + " " + latency)
        }
        return lines
    }
}
