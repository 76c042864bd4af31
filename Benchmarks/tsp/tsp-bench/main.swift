import Foundation
import PatrolCLI
import PatrolCore
import PatrolPlanner

/// `tsp-bench --points FILE`: runs the planner's `TourOptimizer` on a Euclidean instance written by
/// `Benchmarks/tsp/compare.py` (one `x y` pair per line) and prints its length and solve time as JSON, so that
/// LKH-3 and OR-Tools solve exactly the same points. The effort is explicit: the planner's defaults are cheaper.
let usage = """
    usage: tsp-bench --points FILE [--tour-out FILE] [--kicks-per-point K] [--restarts N] [--neighbours K]
                     [--seed N]
    """

struct Result: Encodable {
    var points: Int
    var lengthM: Double
    var solveMS: Double
    /// CPU time of the solve: the fair figure on a shared machine, where wall time depends on the load.
    var cpuMS: Double
    var kicks: Int
    var restarts: Int
    var neighbours: Int
    var seed: UInt64
}

/// Reads `x y` per line; blank lines are skipped, anything else is an error naming the line.
func readPoints(_ path: String) throws -> [Point2] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var points: [Point2] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if fields.isEmpty { continue }
        guard fields.count == 2, let x = Double(fields[0]), let y = Double(fields[1]), x.isFinite, y.isFinite else {
            throw UsageError("\(path):\(index + 1): expected 'x y', got '\(line)'")
        }
        points.append(Point2(x: x, y: y))
    }
    return points
}

/// CPU time used by this process so far, in milliseconds.
func processCPUMS() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
}

let code = CommandRunner.exitCode(program: "tsp-bench", usage: usage) {
    var arguments = CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
    if arguments.wantsHelp() {
        print(usage)
        return 0
    }
    guard let pointsPath = try arguments.option("--points") else { throw UsageError("missing --points FILE") }
    let tourPath = try arguments.option("--tour-out")
    let kicksPerPoint = try arguments.doubleOption("--kicks-per-point", in: 0...10_000)
    let restarts = try arguments.intOption("--restarts", in: 1...1000) ?? 1
    let neighbours = try arguments.intOption("--neighbours", in: 1...100) ?? 10
    let seed = UInt64(try arguments.intOption("--seed", in: 0...Int.max) ?? 1)
    try arguments.finish()

    let points = try readPoints(pointsPath)
    let kicks = kicksPerPoint.map { Int(($0 * Double(points.count)).rounded()) }
    let optimizer = TourOptimizer(options: .init(neighbourCount: neighbours, restarts: restarts, kicks: kicks,
                                                 seed: seed))
    let clock = ContinuousClock()
    var tour = Tour(order: [], length: 0)
    // Neighbour lists and construction are inside the measured time, as they are for LKH-3 and OR-Tools.
    let cpuStartMS = processCPUMS()
    let elapsed = clock.measure { tour = optimizer.solve(EuclideanCosts(points: points)) }
    let cpuMS = processCPUMS() - cpuStartMS
    let solveMS = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    if let tourPath {
        try tour.order.map(String.init).joined(separator: "\n").appending("\n")
            .write(toFile: tourPath, atomically: true, encoding: .utf8)
    }
    let result = Result(points: points.count, lengthM: tour.length, solveMS: solveMS, cpuMS: cpuMS,
                        kicks: kicks ?? optimizer.defaultKicks(count: points.count), restarts: restarts,
                        neighbours: neighbours, seed: seed)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(result), as: UTF8.self))
    return 0
}
exit(code)
