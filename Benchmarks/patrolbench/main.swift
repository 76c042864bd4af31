import Foundation
import PatrolCLI
import PatrolCore
import PatrolCoverage
import PatrolHub

/// `patrolbench coverage|hub [options]`: the benchmarks that need library calls, each printing JSON with its
/// figure next to the baseline measured in the same run (brute-force visibility, raw libzmq).
let usage = """
    usage: patrolbench coverage [--observations N] [--seed N] [--mission DIR]
           patrolbench hub [--mission DIR] [--devices N] [--seconds S]
    """

func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

let code = CommandRunner.exitCode(program: "patrolbench", usage: usage) {
    var arguments = CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
    if arguments.wantsHelp() {
        print(usage)
        return 0
    }
    switch arguments.optionalPositional() {
    case "coverage":
        let observations = try arguments.intOption("--observations", in: 1...10_000_000) ?? 20_000
        let seed = UInt64(try arguments.intOption("--seed", in: 0...Int.max) ?? 42)
        let missionPath = try arguments.option("--mission")
        try arguments.finish()
        if let missionPath {
            // The mission's own site at 1 m cells: the footprint size the target names.
            let mission = try Mission.load(from: URL(fileURLWithPath: missionPath))
            let grid = SiteGrid(site: mission.site, cellM: 1)
            try printJSON(CoverageBenchmark.run(observations: observations, seed: seed, grid: grid))
        } else {
            try printJSON(CoverageBenchmark.run(observations: observations, seed: seed))
        }
    case "hub":
        let missionPath = try arguments.option("--mission") ?? "Missions/plaza"
        var options = HubLoadBenchmark.Options(missionDirectory: URL(fileURLWithPath: missionPath))
        options.devices = try arguments.intOption("--devices", in: 1...100_000) ?? options.devices
        options.seconds = try arguments.doubleOption("--seconds", in: 1...3600) ?? options.seconds
        try arguments.finish()
        let result = try HubLoadBenchmark.run(options) { line in CommandRunner.printError(line) }
        try printJSON(result)
    case let other?:
        throw UsageError("unknown benchmark '\(other)'")
    case nil:
        throw UsageError("missing BENCHMARK (coverage or hub)")
    }
    return 0
}
exit(code)
