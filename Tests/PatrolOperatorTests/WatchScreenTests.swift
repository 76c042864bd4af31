import PatrolCore
import PatrolWire
import Testing
@testable import PatrolOperator

/// The watch screen drawn from a fixed snapshot, as text, without a terminal.
@Suite struct WatchScreenTests {
    static let nowMS: Int64 = 1_800_000_100_000

    /// A 40 x 20 map of 5 m cells from (-100, -50): the west half seen 10 s ago, the east half 400 s ago, the top
    /// row not patrol cells.
    static func snapshot() -> WatchSnapshot {
        var snapshot = WatchSnapshot(endpoint: "tcp://127.0.0.1:7451")
        let metrics = PatrolMetrics(avgIdlenessS: 42, worstIdlenessS: 400, worstRatio: 3.3, coverageFraction: 0.87,
                                    blindExposure: 0.1, planMS: 0)
        snapshot.status = StatusReply(siteID: "plaza", missionName: "plaza", missionState: "running",
                                      hubTimeMS: nowMS, uptimeS: 125, devicesTotal: 3, devicesConnected: 2,
                                      alertsOpen: 2, counters: [], metrics: metrics, planID: "p1")
        var lengths: [UInt32] = [40]
        var values: [UInt32] = [RunLengths.notPatrolCell]
        for _ in 1..<20 {
            lengths += [20, 20]
            values += [10, 400]
        }
        snapshot.setCoverage(CoverageReply(hubTimeMS: nowMS, width: 40, height: 20, cellM: 5, minXM: -100,
                                           minYM: -50, runLengths: lengths, runIdlenessS: values, metrics: metrics))
        snapshot.devices = [
            DeviceInfo(deviceID: "drone-1", kind: .drone, state: .patrolling, position: Vec3(xM: -50, yM: 0, zM: 30),
                       headingDeg: 90, batteryFraction: 0.8, lastSeenMS: nowMS, connected: true),
            DeviceInfo(deviceID: "robot-1", kind: .robot, state: .dispatched, position: Vec3(xM: 50, yM: -25, zM: 0),
                       headingDeg: 180, batteryFraction: 0.5, lastSeenMS: nowMS, connected: true),
            DeviceInfo(deviceID: "drone-2", kind: .drone, state: .lost, position: Vec3(xM: 0, yM: 0, zM: 0),
                       headingDeg: 0, batteryFraction: 0.1, lastSeenMS: nowMS - 9000, connected: false),
        ]
        snapshot.alerts = [
            Alert(alertID: "a-1", kind: .staleBlindSpot, severity: .warning, state: .open,
                  message: "east lawn unseen for 400 s", position: Vec3(xM: 75, yM: 20, zM: 0),
                  openedMS: nowMS - 30_000, updatedMS: nowMS),
            Alert(alertID: "a-2", kind: .deviceLost, severity: .critical, state: .open,
                  message: "drone-2 missed 3 heartbeats", position: Vec3(xM: 0, yM: 0, zM: 0),
                  openedMS: nowMS - 5000, updatedMS: nowMS, deviceID: "drone-2"),
            Alert(alertID: "a-0", kind: .crowdDensity, severity: .warning, state: .resolved, message: "cleared",
                  position: Vec3(xM: 0, yM: 0, zM: 0), openedMS: nowMS - 90_000, updatedMS: nowMS),
        ]
        snapshot.blindSpots = [
            BlindSpot(blindSpotID: 1, areaM2: 500, weight: 2, worstIdlenessS: 400, centroid: Vec3(xM: 50, yM: 10, zM: 0),
                      cellCount: 20, revisitS: 120),
        ]
        return snapshot
    }

    static func render(_ snapshot: WatchSnapshot, view: WatchViewState = WatchViewState(), site: WatchSite? = nil,
                       columns: Int = 80, rows: Int = 24) -> (WatchScreen, [String]) {
        let screen = WatchScreen(snapshot: snapshot, view: view, site: site, columns: columns, rows: rows,
                                 nowMS: nowMS)
        return (screen, screen.render().map(\.plain))
    }

    @Test func fillsAn80By24TerminalWithHeaderMapPanelAndFooter() {
        let (_, lines) = Self.render(Self.snapshot())
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { $0.count == 80 })
        #expect(lines.filter { $0.contains(where: { !$0.isWhitespace }) }.count == 24)
        #expect(lines[0].contains("plaza (running)"))
        #expect(lines[0].contains("up 2m"))
        #expect(lines[1].contains("fleet 2/3 online  alerts 2"))
        #expect(lines[1].contains("worst 400s"))
        #expect(lines[1].contains("cov 87%"))
        #expect(lines[23].contains("q quit"))
        #expect(lines[22].hasPrefix("└"))
    }

    @Test func openAlertsAreListedMostSevereFirstWithTheFirstSelected() throws {
        let (screen, lines) = Self.render(Self.snapshot())
        #expect(screen.listedAlertIDs == ["a-2", "a-1"])
        let first = try #require(lines.firstIndex { $0.contains(">C device_lost") })
        #expect(lines[first + 1].contains(" W stale_blind_spot"))
        #expect(lines.contains { $0.contains("ALERTS 2 open") })
        // The selected alert's message, wrapped under the list.
        let message = try #require(lines.firstIndex { $0.contains("a-2: drone-2 missed") })
        #expect(lines[message + 1].contains("ats"))
        #expect(!lines.contains { $0.contains("crowd_density") })
        #expect(lines[22].contains("BLIND SPOTS 1, worst 400s"))
    }

    @Test func devicesArePlacedAtTheirPositionsWithTheirHeading() throws {
        let (screen, lines) = Self.render(Self.snapshot())
        let drone = try #require(screen.mapPosition(xM: -50, yM: 0))
        let robot = try #require(screen.mapPosition(xM: 50, yM: -25))
        #expect(Array(lines[3 + drone.row])[1 + drone.column] == "→")
        #expect(Array(lines[3 + robot.row])[1 + robot.column] == "↓")
        // West of the middle is left of it, south is lower.
        #expect(drone.column < robot.column)
        #expect(drone.row < robot.row)
        #expect(lines.contains { $0.contains("drone-1") && $0.contains("patrol") && $0.contains("80%") })
        #expect(lines.contains { $0.contains("drone-2") && $0.contains("offline") })
    }

    @Test func stalenessHeatFollowsTheRevisitTarget() throws {
        let (screen, lines) = Self.render(Self.snapshot())
        // Blind spots give the 120 s target: 10 s is fresh, 400 s is beyond twice the target.
        let west = try #require(screen.mapPosition(xM: -80, yM: -40))
        let east = try #require(screen.mapPosition(xM: 80, yM: -40))
        #expect(Array(lines[3 + west.row])[1 + west.column] == "·")
        #expect(Array(lines[3 + east.row])[1 + east.column] == "%")
        let spot = try #require(screen.mapPosition(xM: 50, yM: 10))
        #expect(Array(lines[3 + spot.row])[1 + spot.column] == "?")
        let alert = try #require(screen.mapPosition(xM: 75, yM: 20))
        #expect(Array(lines[3 + alert.row])[1 + alert.column] == "!")
    }

    @Test func buildingsOfTheMissionAreDrawnWhereNoPatrolCellIs() throws {
        var snapshot = Self.snapshot()
        snapshot.coverage = nil
        snapshot.cellIdlenessS = []
        let square = Polygon(points: [Point2(x: -20, y: -20), Point2(x: 20, y: -20), Point2(x: 20, y: 20),
                                      Point2(x: -20, y: 20)])
        let boundary = Polygon(points: [Point2(x: -100, y: -50), Point2(x: 100, y: -50), Point2(x: 100, y: 50),
                                        Point2(x: -100, y: 50)])
        let site = WatchSite(boundary: boundary, buildings: [square], revisitS: 300)
        let (screen, lines) = Self.render(snapshot, site: site)
        let inside = try #require(screen.mapPosition(xM: 10, yM: 10))
        let outside = try #require(screen.mapPosition(xM: -80, yM: -40))
        #expect(Array(lines[3 + inside.row])[1 + inside.column] == "#")
        #expect(Array(lines[3 + outside.row])[1 + outside.column] == ",")
    }

    @Test func aHubThatDoesNotAnswerIsShownAndTheLastPictureKept() {
        var snapshot = Self.snapshot()
        snapshot.hubError = "hub at tcp://127.0.0.1:7451 did not answer within 700 ms"
        let (_, lines) = Self.render(snapshot)
        #expect(lines[0].contains("HUB NOT ANSWERING"))
        #expect(lines[23].contains("did not answer within 700 ms"))
        #expect(lines.contains { $0.contains("drone-1") })

        var empty = WatchSnapshot(endpoint: "tcp://127.0.0.1:1")
        empty.hubError = "hub at tcp://127.0.0.1:1 did not answer within 700 ms"
        let (_, blank) = Self.render(empty)
        #expect(blank.count == 24)
        #expect(blank.contains { $0.contains("no map: the hub is not answering") })
        #expect(blank.filter { $0.contains(where: { !$0.isWhitespace }) }.count >= 15)
    }

    @Test func zoomAndPanMoveWhatIsUnderTheMiddle() throws {
        let snapshot = Self.snapshot()
        let (fit, _) = Self.render(snapshot)
        var view = WatchViewState()
        _ = view.apply(.zoomIn, alerts: [], panStepM: 10)
        let (zoomed, _) = Self.render(snapshot, view: view)
        #expect(try #require(zoomed.metresPerColumn) < #require(fit.metresPerColumn))
        _ = view.apply(.panRight, alerts: [], panStepM: 10)
        #expect(view.panEastM == 10)
        let (panned, _) = Self.render(snapshot, view: view)
        let before = try #require(zoomed.mapPosition(xM: 0, yM: 0))
        let after = try #require(panned.mapPosition(xM: 0, yM: 0))
        #expect(after.column < before.column)
        _ = view.apply(.resetView, alerts: [], panStepM: 10)
        #expect(view == WatchViewState())
    }

    @Test func planRoutesAreDrawnAsDotsAndHiddenWithR() throws {
        var snapshot = Self.snapshot()
        let corners = [(-80.0, -30.0), (-20.0, -30.0), (-20.0, 30.0), (-80.0, 30.0)]
        snapshot.routes = [Route(deviceID: "drone-1", kind: .drone,
                                 waypoints: corners.enumerated().map { index, corner in
                                     Waypoint(position: Vec3(xM: corner.0, yM: corner.1, zM: 30),
                                              offsetS: Double(index) * 10)
                                 }, cycleS: 40)]
        let (screen, lines) = Self.render(snapshot)
        // The middle of the south leg and of the closing west leg.
        let south = try #require(screen.mapPosition(xM: -50, yM: -30))
        let west = try #require(screen.mapPosition(xM: -80, yM: 0))
        #expect(Array(lines[3 + south.row])[1 + south.column] == "∙")
        #expect(Array(lines[3 + west.row])[1 + west.column] == "∙")
        var view = WatchViewState()
        _ = view.apply(.toggleRoutes, alerts: [], panStepM: 1)
        let (_, hidden) = Self.render(snapshot, view: view)
        #expect(Array(hidden[3 + south.row])[1 + south.column] == "·")
    }

    @Test func aWiderTerminalGetsAWiderMap() {
        let (small, _) = Self.render(Self.snapshot())
        let (large, lines) = Self.render(Self.snapshot(), columns: 160, rows: 50)
        #expect(lines.count == 50 && lines.allSatisfy { $0.count == 160 })
        #expect(large.mapColumns > small.mapColumns)
        #expect(large.mapRows > small.mapRows)
    }

    @Test func ansiLinesCarryColoursAndEndReset() {
        let screen = WatchScreen(snapshot: Self.snapshot(), view: WatchViewState(), site: nil, columns: 80, rows: 24,
                                 nowMS: Self.nowMS)
        let lines = screen.render()
        #expect(lines[0].ansi.hasPrefix("\u{1B}[0;1;37;44m"))
        // Without its colour changes a line is its plain text.
        for line in lines {
            let stripped = line.ansi.replacing(/\x1B\[[0-9;]*m/, with: "")
            #expect(stripped == line.plain)
        }
        #expect(lines[0].ansi.hasSuffix("\u{1B}[0m"))
        let frame = TerminalSession.frame(lines.map(\.ansi))
        #expect(frame.hasPrefix("\u{1B}[H"))
        #expect(!frame.hasSuffix("\n"))
    }
}
