import Foundation
import PatrolCLI
import PatrolCore
import PatrolCoverage

/// `patrolbench coverage [options]`: the coverage-merge benchmark, printing JSON with its rate next to the
/// brute-force visibility reference measured in the same run. (The hub's load benchmark is `hub-load`.)
let usage = """
    usage: patrolbench coverage [--observations N] [--seed N] [--mission DIR]
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
    case let other?:
        throw UsageError("unknown benchmark '\(other)'")
    case nil:
        throw UsageError("missing BENCHMARK (coverage)")
    }
    return 0
}
exit(code)
