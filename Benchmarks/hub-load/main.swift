import Foundation
import PatrolCLI
import PatrolHub

/// `hub-load`: one hub under many devices over loopback TCP (issue 6, item 8), next to raw libzmq throughput.
let usage = """
    usage: hub-load [--mission Missions/plaza] [--devices 1000] [--seconds 10] [--telemetry-hz 10]
                    [--observation-hz 2] [--senders 2] [--run-mission [--plan-in-place]] [--json]
      devices send telemetry and camera observations; the hub persists to a temporary SQLite file.
      Prints messages per second handled, report-to-map and operator latencies, and raw libzmq throughput.
      --run-mission runs the mission, so the hub plans for the devices as they join; --plan-in-place
      searches those plans on the hub thread instead of the planning worker.
    """

let code = CommandRunner.exitCode(program: "hub-load", usage: usage) {
    var arguments = CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
    if arguments.wantsHelp() {
        print(usage)
        return 0
    }
    let mission = try arguments.option("--mission") ?? "Missions/plaza"
    let devices = try arguments.intOption("--devices", in: 1...20_000) ?? 1000
    let seconds = try arguments.doubleOption("--seconds", in: 1...3600) ?? 10
    let telemetryHz = try arguments.doubleOption("--telemetry-hz", in: 0.1...100) ?? 10
    let observationHz = try arguments.doubleOption("--observation-hz", in: 0.01...100) ?? 2
    let senders = try arguments.intOption("--senders", in: 1...64) ?? 2
    let json = arguments.flag("--json")
    let runsMission = arguments.flag("--run-mission")
    let plansInPlace = arguments.flag("--plan-in-place")
    try arguments.finish()
    var options = HubLoadBenchmark.Options(missionDirectory: URL(fileURLWithPath: mission), devices: devices,
                                           seconds: seconds, telemetryHz: telemetryHz, observationHz: observationHz,
                                           senderThreads: senders)
    options.runsMission = runsMission
    options.plansInBackground = !plansInPlace
    let result = try HubLoadBenchmark.run(options) { line in CommandRunner.printError("hub-load: \(line)") }
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    } else {
        print(String(format: "hub-load: %d devices, %.0f s: %.0f msgs/s handled; report-to-map p50 %.0f ms, p99 %.0f ms; "
                     + "operator p50 %.1f ms, p99 %.1f ms; commit p99 %.1f ms; raw libzmq %.0f msgs/s (%d B); "
                     + "ratio %.4f; plans %lld, longest %.0f ms",
                     result.devices, result.seconds, result.hubMessagesPerSecond, result.reportToMapP50MS,
                     result.reportToMapP99MS, result.operatorP50MS, result.operatorP99MS, result.commitP99MS,
                     result.rawZMQMessagesPerSecond, result.telemetryFrameBytes, result.ratioToRaw, result.plans, result.planMaxMS))
    }
    return 0
}
exit(code)
