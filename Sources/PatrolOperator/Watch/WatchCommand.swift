import Foundation
import PatrolCLI
import PatrolCore
import PatrolWire
import ZeroMQ

/// `patrolctl watch [--hub EP] [--events EP] [--mission DIR] [--refresh-ms N]`: the live full-screen map.
///
/// The loop asks the hub for status, devices, alerts, blind spots (every refresh) and the coverage map (every
/// second), applies fleet and alert events in between when `--events` is given, and redraws a few times a
/// second. A hub that does not answer is shown on screen and asked again; it never blocks the keys for longer
/// than one request timeout.
public enum WatchCommand {
    public static let usage = """
        usage: patrolctl watch [--hub tcp://127.0.0.1:7451] [--events tcp://127.0.0.1:7452] [--mission DIR]
                               [--refresh-ms 250] [--timeout-ms 700]
          a live map of the hub's site: staleness heat (· fresh, : aging, + stale, % beyond twice the target),
          blind spots (?), alerts (!), devices (arrows along their heading), open alerts and the fleet beside it.
          --mission draws buildings (#) and the boundary. Keys: q quit, p pause, +/- zoom, arrows or hjkl pan,
          0 reset view, r routes on/off, Tab/n (N) next (previous) alert, a acknowledge the selected alert.
          --events adds fleet and alert changes between refreshes, and the plan's routes (∙) from the next plan on.
        """

    /// Runs the watch screen until `q` or Ctrl-C.
    /// - Parameter arguments: the words after `watch`.
    /// - Returns: 0 after `q`, 130 after Ctrl-C (or SIGTERM, SIGHUP), the terminal restored either way.
    /// - Throws: `UsageError` for bad arguments, `TerminalError` when standard input is not a terminal,
    ///   `MissionError` for a bad `--mission`.
    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() { print(usage); return 0 }
        let endpoint = try arguments.option("--hub") ?? LiveCommands.defaultHub
        let eventsEndpoint = try arguments.option("--events")
        let missionPath = try arguments.option("--mission")
        let refreshMS = try arguments.intOption("--refresh-ms", in: 50...10_000) ?? 250
        let timeoutMS = try arguments.intOption("--timeout-ms", in: 50...60_000) ?? 700
        try arguments.finish()
        let site = try missionPath.map { WatchSite(mission: try Mission.load(from: URL(fileURLWithPath: $0))) }

        let watcher = try HubWatcher(endpoint: endpoint, eventsEndpoint: eventsEndpoint, timeoutMS: timeoutMS)
        let terminal = TerminalSession()
        WatchInterrupt.install()
        defer { WatchInterrupt.uninstall() }
        try terminal.enter()
        defer { terminal.restore() }
        try loop(terminal: terminal, watcher: watcher, site: site, refreshMS: refreshMS)
        // Interrupted by a signal: the shell convention 128 + SIGINT.
        return WatchInterrupt.isRequested ? 130 : 0
    }

    private static func loop(terminal: TerminalSession, watcher: HubWatcher, site: WatchSite?,
                             refreshMS: Int) throws {
        var view = WatchViewState()
        var nextFetchMS: Int64 = 0
        var nextCoverageMS: Int64 = 0
        var poller = Poller()
        poller.register(fileDescriptor: terminal.inputFD)
        if let events = watcher.eventSocket { poller.register(events) }
        while !WatchInterrupt.isRequested {
            let now = wallMS()
            if !view.paused, now >= nextFetchMS {
                watcher.refresh(includeCoverage: now >= nextCoverageMS)
                if now >= nextCoverageMS { nextCoverageMS = now + 1000 }
                nextFetchMS = wallMS() + Int64(refreshMS)
            }
            let size = terminal.size()
            let screen = WatchScreen(snapshot: watcher.snapshot, view: view, site: site, columns: size.columns,
                                     rows: size.rows, nowMS: wallMS())
            terminal.write(TerminalSession.frame(screen.render().map(\.ansi)))

            // Sleep until a key, an event or the next refresh, but redraw at least 4 times a second.
            let waitMS = max(0, min(250, Int(nextFetchMS - wallMS())))
            let ready = try poller.poll(timeoutMS: view.paused ? 250 : waitMS)
            if !view.paused, watcher.eventSocket != nil, ready.isReadable(1) { watcher.drainEvents() }
            guard ready.isReadable(0) else { continue }
            let keys = WatchKey.decode(terminal.readAvailable())
            for key in keys {
                let panStepM = (screen.metresPerColumn ?? 1) * Double(screen.mapColumns) / 4
                switch view.apply(key, alerts: screen.listedAlertIDs, panStepM: panStepM) {
                case .none:
                    break
                case .quit:
                    return
                case .acknowledge(let alertID):
                    view.note = watcher.acknowledge(alertID: alertID)
                    view.noteUntilMS = wallMS() + 4000
                    nextFetchMS = 0
                }
            }
        }
    }

    static func wallMS() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
