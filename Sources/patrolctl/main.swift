import Foundation
import PatrolCLI
import PatrolOperator

/// `patrolctl COMMAND ...`: validate, plan and render missions; watch and command a running hub.
let commands: [(name: String, summary: String, run: ([String]) throws -> Int32)] = [
    ("validate", "check a mission folder; every problem with its file and location", ValidateCommand.run),
    ("plan", "plan routes; print metrics, write plan.json (--out), --svg, --geojson", PlanCommand.run),
    ("render", "draw a mission's site, cameras and static blind spots (--png, --svg)", RenderCommand.run),
    ("status", "the hub's mission, fleet, alerts, counters and live metrics", StatusCommand.run),
    ("devices", "every device: kind, state, position, battery, last seen", DevicesCommand.run),
    ("alerts", "open (and with --all, resolved) alerts", AlertsCommand.run),
    ("blindspots", "live blind spots: area, weight, worst idleness, centroid", BlindSpotsCommand.run),
    ("coverage", "the live coverage map: metrics, --png heat map, --geojson blind spots", CoverageCommand.run),
    ("dispatch", "send DEVICE to look at X Y (local metres)", DispatchCommand.run),
    ("ack", "acknowledge ALERT", AckCommand.run),
    ("replan", "replan the whole fleet from where each device is now", ReplanCommand.run),
    ("watch", "live full-screen map: staleness, blind spots, devices, alerts (q quits)", WatchCommand.run),
    ("keygen", "write a CURVE key pair: NAME.pub and NAME.key (mode 0600)", KeygenCommand.run),
]

let usage = """
    usage: patrolctl COMMAND [ARGS...]   (patrolctl COMMAND --help for each)
    commands:
    \(commands.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)" }
        .joined(separator: "\n"))
    """

var arguments = Array(CommandLine.arguments.dropFirst())
let code = CommandRunner.exitCode(program: "patrolctl", usage: "") {
    guard let name = arguments.first, !name.hasPrefix("-") else {
        if arguments.first == "--help" || arguments.first == "-h" {
            print(usage)
            return 0
        }
        throw UsageError("missing COMMAND (see patrolctl --help)")
    }
    guard let command = commands.first(where: { $0.name == name }) else {
        throw UsageError("unknown command '\(name)' (see patrolctl --help)")
    }
    do {
        return try command.run(Array(arguments.dropFirst()))
    } catch let error as UsageError {
        throw UsageError("\(name): \(error.message) (see patrolctl \(name) --help)")
    }
}
exit(code)
