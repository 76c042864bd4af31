import Dispatch
import Foundation
import PatrolCLI
import PatrolCore
import ZeroMQ

/// `patrolhub MISSION [--devices EP] [--operators EP] [--events EP] [--db FILE] [--keys DIR] [--log-level L]`.
public enum HubCommand {
    public static let usage = """
        usage: patrolhub MISSION [--devices tcp://*:7450] [--operators tcp://*:7451] [--events tcp://*:7452]
                                 [--db hub.sqlite] [--keys DIR] [--log-level debug|info|warning|error]
                                 [--heartbeat-ms 1000] [--lost-after 3]
          Loads the mission folder MISSION, starts it and coordinates its devices until SIGINT or SIGTERM.
          --db keeps state in a SQLite file: a restart with the same file resumes the mission.
          --keys DIR turns CURVE on for all three endpoints: DIR/hub.key is the hub's pair (patrolctl keygen hub),
          DIR/devices/ID.pub and DIR/operators/NAME.pub are the keys admitted; SIGHUP rereads them.
          Log lines are JSON objects on stderr.
        """

    /// Parses the arguments into a configuration.
    /// - Throws: `UsageError` with one line naming the bad argument.
    public static func configuration(arguments: [String]) throws(UsageError) -> HubConfiguration? {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { return nil }
        let devices = try arguments.option("--devices")
        let operators = try arguments.option("--operators")
        let events = try arguments.option("--events")
        let database = try arguments.option("--db")
        let keys = try arguments.option("--keys")
        let level = try arguments.option("--log-level")
        let heartbeatMS = try arguments.intOption("--heartbeat-ms", in: 10...600_000)
        let lostAfter = try arguments.intOption("--lost-after", in: 1...1000)
        let missionPath = try arguments.positional("MISSION")
        try arguments.finish()
        var configuration = HubConfiguration(missionDirectory: URL(fileURLWithPath: missionPath))
        configuration.preparePlannerInBackground = true
        configuration.plansInBackground = true
        if let devices { configuration.deviceEndpoint = devices }
        if let operators { configuration.operatorEndpoint = operators }
        if let events { configuration.eventEndpoint = events }
        configuration.databasePath = database
        configuration.keysDirectory = keys.map { URL(fileURLWithPath: $0) }
        if let level {
            guard let parsed = LogLevel(name: level) else {
                throw UsageError("option --log-level: expected debug, info, warning or error, got '\(level)'")
            }
            configuration.logLevel = parsed
        }
        if let heartbeatMS { configuration.heartbeatIntervalMS = Int64(heartbeatMS) }
        if let lostAfter { configuration.lostAfterMissed = lostAfter }
        return configuration
    }

    /// Runs the hub until SIGINT or SIGTERM.
    /// - Returns: the process exit code.
    public static func main(arguments: [String]) -> Int32 {
        CommandRunner.exitCode(program: "patrolhub", usage: usage) {
            guard let configuration = try configuration(arguments: arguments) else {
                print(usage)
                return 0
            }
            // Signals are caught before the (possibly long) mission preparation so SIGINT always stops cleanly.
            let stopFlag = HubStopFlag()
            var sources: [any DispatchSourceSignal] = []
            // SIGHUP (reload keys) is ignored until the hub exists, then answered below.
            signal(SIGHUP, SIG_IGN)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { stopFlag.requestStop() }
                source.resume()
                sources.append(source)
            }
            defer { sources.forEach { $0.cancel() } }
            let context = try Context()
            let hub = try Hub(configuration: configuration, context: context, clock: WallClock(), stopFlag: stopFlag)
            if stopFlag.isStopRequested { return 0 }
            let reloadFlag = hub.reloadFlag
            let reloadSource = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
            reloadSource.setEventHandler { reloadFlag.requestReload() }
            reloadSource.resume()
            defer { reloadSource.cancel() }
            try hub.run()
            hub.close()
            context.close()
            return 0
        }
    }
}
