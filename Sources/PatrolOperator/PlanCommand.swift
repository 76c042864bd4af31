import Foundation
import PatrolCLI
import PatrolCore
import PatrolPlanner
import PatrolRender

/// `patrolctl plan MISSION [--out plan.json] [--svg plan.svg] [--geojson plan.geojson] [--devices N]`:
/// plans routes for the mission's fleet, prints the idleness figures and writes the plan and pictures.
public enum PlanCommand {
    public static let usage = """
        usage: patrolctl plan MISSION [--out plan.json] [--svg plan.svg] [--geojson plan.geojson] [--devices N]
                              [--seed N]
          MISSION        a mission folder holding mission.json
          --out FILE     write plan.json (routes and metrics, DESIGN.md section 6)
          --svg FILE     draw the routes over the site and its blind spots, a colour per device
          --geojson FILE the routes and blind spots in WGS84
          --devices N    plan for N devices: the fleet's first N, or the fleet plus copies of its devices
          --seed N       seed of the tour search (default 1)
        Graph-mode missions (a patrolling_sim graph) also print idleness for 1, 2, 4, 6, 8 and 12 robots.
        """

    /// - Returns: 0 once the plan is made and written, whether or not it meets every target (the summary
    ///   and plan.json say which cells miss theirs and by how much).
    /// - Throws: `UsageError` on bad arguments; mission and file errors with their path.
    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() {
            print(usage)
            return 0
        }
        let outPath = try arguments.option("--out")
        let svgPath = try arguments.option("--svg")
        let geoJSONPath = try arguments.option("--geojson")
        let deviceCount = try arguments.intOption("--devices", in: 1...10_000)
        let seed = try arguments.intOption("--seed", in: 0...Int(Int32.max))
        let path = try arguments.positional("MISSION")
        try arguments.finish()
        // Checked before planning, which takes seconds on a large site, rather than after it.
        for (output, example) in [(outPath, "plan.json"), (svgPath, "plan.svg"), (geoJSONPath, "plan.geojson")] {
            var isDirectory: ObjCBool = false
            if let output, FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory),
               isDirectory.boolValue {
                throw PlanWriteError(path: output, reason: "it is a folder; expected a file path such as "
                    + URL(fileURLWithPath: output).appendingPathComponent(example).path)
            }
        }

        let mission = try Mission.load(from: URL(fileURLWithPath: path))
        var fleet = mission.fleet
        if let deviceCount { fleet = Planner.resizedFleet(fleet, count: deviceCount) }
        guard !fleet.isEmpty else { throw UsageError("\(path): the mission's fleet is empty; nothing to plan") }

        let progress = Progress("planning \(mission.name)")
        let clock = ContinuousClock()
        let started = clock.now
        let planner = Planner(mission: mission, options: PlannerOptions(seed: UInt64(seed ?? 1))) { fraction, status in
            progress.update(fraction: 0.95 * fraction, status: status)
        }
        var plan = planner.plan(fleet: fleet)
        let elapsed = clock.now - started
        plan.metrics.planMS = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        progress.finish("\(Int(plan.metrics.planMS.rounded())) ms")
        // Not part of the planning time: a replan for the kinds' average strength, for the figures a shift keeps.
        plan.sustained = planner.sustainedEstimate(of: plan)

        printSummary(plan, mission: mission, graphMode: mission.site.graph != nil)
        if mission.site.graph != nil { printGraphFigures(planner: planner, fleet: fleet) }

        if let outPath {
            try write(plan.jsonData(mission: mission.name), to: outPath)
        }
        if svgPath != nil || geoJSONPath != nil {
            let renderer = planner.area.map { SiteRenderer(mission: mission, area: $0) } ?? SiteRenderer(mission: mission)
            let drawings = plan.routes.map { route in
                RouteDrawing(deviceID: route.deviceID, kind: route.kind, points: route.waypoints.map(\.position.ground),
                             cyclic: true, cycleS: route.cycleS)
            }
            if let svgPath {
                let caption = String(format: "avg idleness %.1f s, worst %.1f s, worst ratio %.2f, coverage %.1f %%",
                                     plan.metrics.avgIdlenessS, plan.metrics.worstIdlenessS, plan.metrics.worstRatio,
                                     plan.metrics.coverageFraction * 100)
                try renderer.renderPlan(drawings, caption: caption).writeSVG(to: URL(fileURLWithPath: svgPath))
            }
            if let geoJSONPath {
                try renderer.planGeoJSON(drawings).write(to: URL(fileURLWithPath: geoJSONPath))
            }
        }
        return 0
    }

    private static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw PlanWriteError(path: path, reason: error.localizedDescription)
        }
    }

    static func printSummary(_ plan: Plan, mission: Mission, graphMode: Bool) {
        let what = graphMode ? "graph nodes" : "patrol cells"
        print("\(mission.name): \(graphMode ? "graph" : "grid") mode, \(plan.routes.count) devices, "
              + "\(plan.viewpoints.count) viewpoints over \(plan.targets.count) \(what)")
        let sentries = Set(plan.sentries.values.joined())
        for route in plan.routes {
            let stops = route.waypoints.filter { $0.purpose != .transit }.count
            print(String(format: "  %@ (%@): cycle %.1f s, %d stops, in place at +%.1f s%@",
                         route.deviceID, route.kind.rawValue, route.cycleS, stops, route.startOffsetS,
                         sentries.contains(route.deviceID) ? ", sentry round the highest-weight cells" : ""))
        }
        let m = plan.metrics
        print(String(format: "avg idleness %.2f s, worst idleness %.2f s, worst ratio %.3f, coverage %.1f %%, plan %.0f ms",
                     m.avgIdlenessS, m.worstIdlenessS, m.worstRatio, m.coverageFraction * 100, m.planMS))
        if let sustained = plan.sustained {
            let strength = sustained.onPatrol.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.value.patrolling) of \($0.value.routed) \($0.key.rawValue)s" }.joined(separator: " and ")
            print(String(format: "sustained over a shift (%@ on patrol while the others charge): avg idleness %.2f s, "
                         + "worst idleness %.2f s, worst ratio %.3f", strength, sustained.metrics.avgIdlenessS,
                         sustained.metrics.worstIdlenessS, sustained.metrics.worstRatio))
        }
        if let cross = plan.crossPatrolWorstRatio {
            print(String(format: "cross patrol: highest-weight cells with any one device lost: worst ratio %.3f%@",
                         cross, cross <= 1 ? "" : " (a single loss breaks their target until replanning)"))
        }
        if m.missedTargets.isEmpty {
            print("every \(graphMode ? "node" : "patrol cell") meets its revisit target")
        } else {
            print("\(m.missedTargets.count) \(what) miss their revisit target; worst:")
            for missed in m.missedTargets.prefix(5) {
                let position = missed.position ?? plan.targets.positions[missed.target]
                if let worst = missed.worstIdlenessS {
                    print(String(format: "  (%.1f, %.1f): idleness %.1f s for a target of %.1f s (+%.1f s)",
                                 position.x, position.y, worst, missed.targetS, worst - missed.targetS))
                } else {
                    print(String(format: "  (%.1f, %.1f): never seen (target %.1f s)", position.x, position.y, missed.targetS))
                }
            }
        }
        if !plan.unreachable.isEmpty {
            print("\(plan.unreachable.count) \(what) unreachable, e.g. "
                  + plan.unreachable.prefix(3).map { String(format: "(%.1f, %.1f): %@", $0.position.x, $0.position.y, $0.reason) }
                    .joined(separator: "; "))
        }
        for note in plan.notes { print("note: \(note)") }
    }

    /// The literature's table: idleness on the graph for 1, 2, 4, 6, 8 and 12 robots (the fleet's first
    /// device copied as needed).
    static func printGraphFigures(planner: Planner, fleet: [FleetDevice]) {
        print("robots  avg_idleness_s  worst_idleness_s")
        for count in [1, 2, 4, 6, 8, 12] {
            let metrics = planner.plan(fleet: Planner.resizedFleet(Array(fleet.prefix(1)), count: count)).metrics
            print(String(format: "%6d  %14.2f  %16.2f", count, metrics.avgIdlenessS, metrics.worstIdlenessS))
        }
    }
}

/// A plan file that could not be written.
public struct PlanWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
