import Foundation
import PatrolCLI
import ZeroMQ

/// `zmq-throughput`: raw libzmq DEALER -> ROUTER throughput over loopback TCP, the baseline the hub's
/// telemetry rate is compared against.
let usage = """
    usage: zmq-throughput [--bytes N] [--count N] [--runs N] [--json]
      --bytes N   message size in bytes (default 200)
      --count N   messages per run (default 200000)
      --runs N    runs; the median and best are reported (default 3)
      --json      print one JSON object instead of a line of text
    """

let code = CommandRunner.exitCode(program: "zmq-throughput", usage: usage) {
    var arguments = CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
    if arguments.wantsHelp() {
        print(usage)
        return 0
    }
    let messageBytes = try arguments.intOption("--bytes", in: 0...(64 << 20)) ?? 200
    let count = try arguments.intOption("--count", in: 1...100_000_000) ?? 200_000
    let runs = try arguments.intOption("--runs", in: 1...100) ?? 3
    let json = arguments.flag("--json")
    try arguments.finish()

    var rates: [Double] = []
    for _ in 0..<runs {
        rates.append(try RawThroughput.measure(messageBytes: messageBytes, count: count))
    }
    rates.sort()
    let median = rates[rates.count / 2]
    let best = rates[rates.count - 1]
    if json {
        print("""
            {"benchmark":"zmq-throughput","transport":"tcp-loopback","message_bytes":\(messageBytes),\
            "count":\(count),"runs":\(runs),"median_msgs_per_s":\(Int(median)),"best_msgs_per_s":\(Int(best))}
            """)
    } else {
        let megabytesPerSecond = median * Double(messageBytes) / 1_000_000
        let rate = String(format: "%.1f", megabytesPerSecond)
        print("raw libzmq DEALER->ROUTER over tcp://127.0.0.1, \(messageBytes) B x \(count), \(runs) runs: "
            + "median \(Int(median)) msg/s (\(rate) MB/s), best \(Int(best)) msg/s")
    }
    return 0
}
exit(code)
