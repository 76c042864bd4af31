import Foundation
import PatrolCLI
import PatrolCore
import PatrolSim

let usage = """
usage: patrolsim run MISSION [--duration S] [--seed N] [--speed max|FACTOR] [--hub inproc|tcp://HOST:7450]
                     [--report report.json] [--png final.png] [--html replay.html]
                     [--planner ours|random|lawnmower] [--compare]
                     [--operators tcp://HOST:7451] [--events tcp://HOST:7452] [--pedestrians N] [--wind MPS@DEG]
                     [--crash DEVICE@S] [--comm-loss DEVICE@S+DUR] [--camera-offline CAMERA@S+DUR]
                     [--battery-drain DEVICE@FACTOR] [--gps-noise M] [--drop RATE] [--duplicate RATE] [--reorder RATE]
  --hub inproc (default) runs an in-process hub in lockstep on the simulated clock: deterministic, as fast as
  the CPU allows; --hub tcp://... connects one DEALER per device to a running hub in real time.
"""

// Same seed, same bytes: the hub's and the simulator's hash tables must iterate in the same order every run.
DeterministicHashing.reexecIfNeeded()

let code = CommandRunner.exitCode(program: "patrolsim", usage: usage) {
    var arguments = CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
    if arguments.wantsHelp() {
        print(usage)
        return 0
    }
    guard try arguments.positional("command (run)") == "run" else { throw UsageError("unknown command; expected run") }
    let mission = try arguments.positional("MISSION")
    var options = SimulationOptions()
    options.durationS = try arguments.doubleOption("--duration", in: 1...10_000_000) ?? 600
    options.seed = UInt64(try arguments.intOption("--seed", in: 0...Int.max) ?? 1)
    let speedText = try arguments.option("--speed")
    let speedGiven = speedText != nil
    if let speed = speedText, speed != "max" {
        guard let factor = Double(speed), factor.isFinite, factor > 0 else {
            throw UsageError("option --speed: expected max or a positive factor, got '\(speed)'")
        }
        options.speedFactor = factor
    }
    if let hub = try arguments.option("--hub"), hub != "inproc" {
        guard hub.hasPrefix("tcp://") || hub.hasPrefix("ipc://") else {
            throw UsageError("option --hub: expected inproc or tcp://HOST:PORT, got '\(hub)'")
        }
        options.hub = .remote(hub)
        // An external hub lives on the wall clock: real time unless --speed says otherwise.
        if options.speedFactor == nil && !speedGiven { options.speedFactor = 1 }
    }
    if let planner = try arguments.option("--planner") {
        guard let chosen = SimulationOptions.Planner(rawValue: planner) else {
            throw UsageError("option --planner: expected ours, random or lawnmower, got '\(planner)'")
        }
        options.planner = chosen
    }
    options.operatorEndpoint = try arguments.option("--operators")
    options.eventEndpoint = try arguments.option("--events")
    options.pedestrians = try arguments.intOption("--pedestrians", in: 0...1_000_000)
    if let wind = try arguments.option("--wind") {
        let parts = wind.split(separator: "@")
        guard parts.count == 2, let speed = Double(parts[0]), let bearing = Double(parts[1]), speed >= 0, speed < 60 else {
            throw UsageError("option --wind: expected MPS@DEG (speed and the bearing it blows toward), got '\(wind)'")
        }
        options.wind = Heading.unitVector(bearingDeg: bearing) * speed
    }
    for kind in SimFault.Kind.allCases {
        // Fault flags repeat: `--crash drone-1@60 --crash robot-2@60` takes two devices down.
        for value in try arguments.options(FaultFlag.flagName(kind)) {
            do { options.extraFaults.append(try FaultFlag.parse(kind, value)) } catch { throw UsageError("\(error)") }
        }
    }
    let compare = arguments.flag("--compare")
    let report = try arguments.option("--report").map { URL(fileURLWithPath: $0) }
    let png = try arguments.option("--png").map { URL(fileURLWithPath: $0) }
    let html = try arguments.option("--html").map { URL(fileURLWithPath: $0) }
    try arguments.finish()
    if compare && options.hub != .inproc { throw UsageError("--compare needs --hub inproc") }

    let request = SimulationRunner.Request(missionDirectory: URL(fileURLWithPath: mission), options: options,
                                           reportURL: report, pngURL: png, htmlURL: html, compare: compare)
    var bars: [String: PatrolCLI.Progress] = [:]
    _ = try SimulationRunner.run(request, progress: { planner, state in
        let bar = bars[planner] ?? PatrolCLI.Progress("simulating \(planner)", minimumIntervalS: 1)
        bars[planner] = bar
        if state.simS >= state.durationS { bar.finish(state.status) } else {
            bar.update(fraction: state.simS / state.durationS, status: state.status)
        }
    })
    return 0
}
exit(code)
