import Foundation
import PatrolCLI
import PatrolCore
import PatrolWire

/// The `patrolctl` commands that talk to a running hub: status, devices, alerts, blindspots, coverage,
/// dispatch, ack, replan. Each parses its arguments, sends one request with a timeout, prints the answer
/// (as JSON with `--json`) and returns the exit code.
enum LiveCommands {
    static let defaultHub = "tcp://127.0.0.1:7451"
    static let defaultTimeoutMS = 3000
    static let hubUsage = hubUsage(defaultTimeoutMS: defaultTimeoutMS)

    /// The options every live command takes, with the command's default wait.
    static func hubUsage(defaultTimeoutMS: Int) -> String {
        "[--hub tcp://127.0.0.1:7451] [--timeout-ms \(defaultTimeoutMS)] [--key OP.key --server-key hub.pub]"
    }

    /// Reads `--hub` and `--timeout-ms` (`defaultTimeoutMS` when absent), refuses leftovers, and connects.
    static func client(_ arguments: inout CommandLineArguments, defaultTimeoutMS: Int = defaultTimeoutMS) throws
        -> OperatorClient {
        let endpoint = try arguments.option("--hub") ?? defaultHub
        let timeoutMS = try arguments.intOption("--timeout-ms", in: 1...600_000) ?? defaultTimeoutMS
        let curve = try OperatorClient.curveSettings(keyFile: try arguments.option("--key"),
                                                     serverKeyFile: try arguments.option("--server-key"))
        try arguments.finish()
        return try OperatorClient(endpoint: endpoint, timeoutMS: timeoutMS, curve: curve)
    }

    /// Pretty, key-sorted JSON of an Encodable value on stdout.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func unexpected(_ client: OperatorClient, _ what: String) -> OperatorClientError {
        .badReply(endpoint: client.endpoint, detail: "expected a \(what) reply")
    }

    static func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

    static func age(_ timeMS: Int64, now: Int64) -> String {
        timeMS == 0 ? "never" : "\(format(Double(now - timeMS) / 1000)) s ago"
    }
}

/// `patrolctl status [--json] [--hub EP]`: mission, fleet, alerts, counters and live metrics.
public enum StatusCommand {
    public static let usage = "usage: patrolctl status [--json] \(LiveCommands.hubUsage)"

    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let json = arguments.flag("--json")
        let client = try LiveCommands.client(&arguments)
        guard case .status(let status) = try client.request(.status) else {
            throw LiveCommands.unexpected(client, "status")
        }
        if json {
            try LiveCommands.printJSON(status)
            return 0
        }
        print("site \(status.siteID)  mission \(status.missionName) (\(status.missionState))  plan \(status.planID)")
        print("uptime \(LiveCommands.format(status.uptimeS)) s  devices \(status.devicesConnected)/\(status.devicesTotal) "
              + "connected  alerts open \(status.alertsOpen)")
        if let metrics = status.metrics {
            print("coverage \(LiveCommands.format(metrics.coverageFraction * 100))%  avg idleness "
                  + "\(LiveCommands.format(metrics.avgIdlenessS)) s  worst \(LiveCommands.format(metrics.worstIdlenessS)) s"
                  + "  worst ratio \(LiveCommands.format(metrics.worstRatio, 2))")
        }
        print("counters:")
        for counter in status.counters {
            let value = counter.value == counter.value.rounded() ? String(Int64(counter.value)) : "\(counter.value)"
            print("  \(counter.name.padding(toLength: 36, withPad: " ", startingAt: 0)) \(value)")
        }
        return 0
    }
}

/// `patrolctl devices [--json] [--hub EP]`: id, kind, state, position, battery, last seen.
public enum DevicesCommand {
    public static let usage = "usage: patrolctl devices [--json] \(LiveCommands.hubUsage)"

    private struct Document: Encodable {
        var devices: [DeviceInfo]
    }

    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let json = arguments.flag("--json")
        let client = try LiveCommands.client(&arguments)
        guard case .devices(let reply) = try client.request(.devices) else {
            throw LiveCommands.unexpected(client, "devices")
        }
        if json {
            try LiveCommands.printJSON(Document(devices: reply.devices))
            return 0
        }
        let now = reply.devices.map(\.lastSeenMS).max() ?? 0
        print("ID           KIND   STATE       X        Y        BATTERY  ROUTE              LAST SEEN")
        for device in reply.devices {
            let columns = [
                device.deviceID.padding(toLength: 12, withPad: " ", startingAt: 0),
                device.kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0),
                (device.connected ? device.state.rawValue : "\(device.state.rawValue)*")
                    .padding(toLength: 11, withPad: " ", startingAt: 0),
                LiveCommands.format(device.position.xM).padding(toLength: 8, withPad: " ", startingAt: 0),
                LiveCommands.format(device.position.yM).padding(toLength: 8, withPad: " ", startingAt: 0),
                "\(Int((device.batteryFraction * 100).rounded()))%".padding(toLength: 8, withPad: " ", startingAt: 0),
                (device.routeID.isEmpty ? "-" : "\(device.routeID) v\(device.routeVersion)")
                    .padding(toLength: 18, withPad: " ", startingAt: 0),
                LiveCommands.age(device.lastSeenMS, now: now),
            ]
            print(columns.joined(separator: " "))
        }
        return 0
    }
}

/// `patrolctl alerts [--all] [--json] [--hub EP]`: open (or all) alerts.
public enum AlertsCommand {
    public static let usage = "usage: patrolctl alerts [--all] [--json] \(LiveCommands.hubUsage)"

    private struct Document: Encodable {
        var alerts: [Alert]
    }

    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let json = arguments.flag("--json")
        let all = arguments.flag("--all")
        let body = OperatorRequest.Body.alerts(AlertsRequest(includeResolved: all))
        let client = try LiveCommands.client(&arguments)
        guard case .alerts(let reply) = try client.request(body) else {
            throw LiveCommands.unexpected(client, "alerts")
        }
        if json {
            try LiveCommands.printJSON(Document(alerts: reply.alerts))
            return 0
        }
        if reply.alerts.isEmpty { print("no \(all ? "" : "open ")alerts") }
        for alert in reply.alerts {
            print("\(alert.alertID)  \(alert.severity.rawValue)  \(alert.kind.rawValue)  \(alert.state.rawValue)  "
                  + "(\(LiveCommands.format(alert.position.xM)), \(LiveCommands.format(alert.position.yM)))  \(alert.message)")
        }
        return 0
    }
}

/// `patrolctl blindspots [--json] [--hub EP]`: regions of the live map unseen beyond their revisit target.
public enum BlindSpotsCommand {
    public static let usage = "usage: patrolctl blindspots [--json] \(LiveCommands.hubUsage)"

    private struct Document: Encodable {
        var blindSpots: [BlindSpot]
        var hubTimeMS: Int64

        enum CodingKeys: String, CodingKey {
            case blindSpots = "blind_spots", hubTimeMS = "hub_time_ms"
        }
    }

    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let json = arguments.flag("--json")
        let client = try LiveCommands.client(&arguments)
        guard case .blindSpots(let reply) = try client.request(.blindSpots) else {
            throw LiveCommands.unexpected(client, "blind spots")
        }
        if json {
            try LiveCommands.printJSON(Document(blindSpots: reply.blindSpots, hubTimeMS: reply.hubTimeMS))
            return 0
        }
        if reply.blindSpots.isEmpty { print("no blind spots") }
        for spot in reply.blindSpots {
            print("#\(spot.blindSpotID)  \(Int(spot.areaM2)) m2  weight \(LiveCommands.format(spot.weight))  unseen "
                  + "\(Int(spot.worstIdlenessS)) s (target \(Int(spot.revisitS)) s)  at "
                  + "(\(LiveCommands.format(spot.centroid.xM)), \(LiveCommands.format(spot.centroid.yM)))")
        }
        return 0
    }
}

/// `patrolctl dispatch DEVICE X Y [--alert ID] [--hub EP]`: send a device (or `any`) to investigate a place.
public enum DispatchCommand {
    public static let usage = "usage: patrolctl dispatch DEVICE|any X Y [--alert ALERT] \(LiveCommands.hubUsage)"

    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let alertID = try arguments.option("--alert") ?? ""
        let device = try arguments.positional("DEVICE")
        let xText = try arguments.positional("X")
        let yText = try arguments.positional("Y")
        guard let x = Double(xText), x.isFinite, let y = Double(yText), y.isFinite else {
            throw UsageError("X and Y must be numbers (metres east and north of the mission origin), got '\(xText)' '\(yText)'")
        }
        let body = OperatorRequest.Body.dispatch(DispatchRequest(deviceID: device == "any" ? "" : device,
                                                                 target: Vec3(xM: x, yM: y, zM: 0), alertID: alertID))
        let client = try LiveCommands.client(&arguments)
        guard case .dispatch(let reply) = try client.request(body) else {
            throw LiveCommands.unexpected(client, "dispatch")
        }
        print("dispatched \(reply.deviceID) to (\(x), \(y)); travel time \(LiveCommands.format(reply.travelTimeS)) s")
        return 0
    }
}

/// `patrolctl ack ALERT [--operator NAME] [--hub EP]`: acknowledge an alert.
public enum AckCommand {
    public static let usage = "usage: patrolctl ack ALERT [--operator NAME] \(LiveCommands.hubUsage)"

    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let name = try arguments.option("--operator") ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        let alertID = try arguments.positional("ALERT")
        let body = OperatorRequest.Body.acknowledgeAlert(AcknowledgeAlertRequest(alertID: alertID,
                                                                                operatorName: String(name.prefix(64))))
        let client = try LiveCommands.client(&arguments)
        guard case .alert(let alert) = try client.request(body) else {
            throw LiveCommands.unexpected(client, "alert")
        }
        print("\(alert.alertID) \(alert.state.rawValue): \(alert.message)")
        return 0
    }
}

/// `patrolctl replan [--reason TEXT] [--hub EP]`: plan the running mission again from where devices are.
public enum ReplanCommand {
    /// The answer comes once the plan is made: a large fleet takes seconds, after any search under way.
    static let defaultTimeoutMS = 30_000
    public static let usage = "usage: patrolctl replan [--reason TEXT] "
        + LiveCommands.hubUsage(defaultTimeoutMS: defaultTimeoutMS)

    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let reason = try arguments.option("--reason") ?? "operator"
        let body = OperatorRequest.Body.replan(ReplanRequest(reason: reason))
        let client = try LiveCommands.client(&arguments, defaultTimeoutMS: defaultTimeoutMS)
        guard case .plan(let plan) = try client.request(body) else {
            throw LiveCommands.unexpected(client, "plan")
        }
        print("plan \(plan.planID): \(plan.routes.count) routes, avg idleness "
              + "\(LiveCommands.format(plan.metrics.avgIdlenessS)) s, planned in \(LiveCommands.format(plan.metrics.planMS)) ms")
        return 0
    }
}
