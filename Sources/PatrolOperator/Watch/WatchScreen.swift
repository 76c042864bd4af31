import Foundation
import PatrolCore
import PatrolWire

/// Draws the watch screen: a pure function from what the hub said and what the operator chose to lines of text.
///
/// Layout: two header lines (mission, fleet summary and live metrics), the map on the left in a frame, a side
/// panel on the right (devices, open alerts, blind spots), one footer line (keys or a note). Terminal cells are
/// about twice as tall as wide, so a map row spans twice the metres of a map column.
public struct WatchScreen {
    /// Width of the side panel, columns (the frame's right edge included in the map part).
    public static let sidePanelColumns = 30
    public static let minimumColumns = 40
    public static let minimumRows = 10
    /// Staleness is coloured against this revisit target when no mission is given, seconds.
    public static let defaultRevisitS = 120.0

    public let snapshot: WatchSnapshot
    public let view: WatchViewState
    public let site: WatchSite?
    public let columns: Int
    public let rows: Int
    /// The wall clock, milliseconds since the Unix epoch (ages of alerts and notes).
    public let nowMS: Int64

    public init(snapshot: WatchSnapshot, view: WatchViewState, site: WatchSite?, columns: Int, rows: Int,
                nowMS: Int64) {
        self.snapshot = snapshot
        self.view = view
        self.site = site
        self.columns = max(columns, Self.minimumColumns)
        self.rows = max(rows, Self.minimumRows)
        self.nowMS = nowMS
    }

    /// The map's part of the screen: inner columns and rows (inside the frame).
    var mapColumns: Int { columns - (columns >= 60 ? Self.sidePanelColumns : 0) - 2 }
    var mapRows: Int { rows - 5 }
    var sideColumn: Int { mapColumns + 3 }
    var hasSidePanel: Bool { columns >= 60 }

    /// The metres the map shows: the coverage grid, else the site boundary.
    var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        if let map = snapshot.coverage, map.width > 0, map.height > 0 {
            return (map.minXM, map.minYM, map.minXM + Double(map.width) * map.cellM,
                    map.minYM + Double(map.height) * map.cellM)
        }
        if let boundary = site?.boundary {
            let bounds = boundary.bounds
            return (bounds.min.x, bounds.min.y, bounds.max.x, bounds.max.y)
        }
        return nil
    }

    /// Metres per map column at the current zoom (rows are twice that); nil before anything is known.
    public var metresPerColumn: Double? {
        guard let extent else { return nil }
        let fit = max((extent.maxX - extent.minX) / Double(mapColumns),
                      (extent.maxY - extent.minY) / Double(2 * mapRows))
        return max(fit, 1e-3) / view.zoom
    }

    /// The alerts as listed (and selectable), by id.
    public var listedAlertIDs: [String] { snapshot.activeAlerts.map(\.alertID) }

    /// Every line of the screen, `rows` lines of `columns` characters.
    public func render() -> [WatchLine] {
        var lines = (0..<rows).map { _ in WatchLine(width: columns) }
        drawHeader(&lines)
        drawFrame(&lines)
        drawMap(&lines)
        if hasSidePanel { drawSidePanel(&lines) }
        drawFooter(&lines)
        return lines
    }

    // MARK: header and footer

    private func drawHeader(_ lines: inout [WatchLine]) {
        var title = WatchLine(width: columns)
        title.put(String(repeating: " ", count: columns), at: 0, style: .title)
        let status = snapshot.status
        let mission = status.map { "\($0.missionName) (\($0.missionState))" } ?? "no mission yet"
        title.put(" PatrolHub watch  \(status?.siteID ?? "-")  \(mission)", at: 0, style: .title)
        let right: String
        let rightStyle: WatchStyle
        if snapshot.hubError != nil {
            right = " HUB NOT ANSWERING, retrying "
            rightStyle = .error
        } else if view.paused {
            right = " PAUSED "
            rightStyle = .alertWarning
        } else {
            right = status.map { " up \(Self.duration($0.uptimeS)) " } ?? " connecting "
            rightStyle = .title
        }
        title.put(right, at: max(0, columns - right.count), style: rightStyle)
        lines[0] = title

        var summary = WatchLine(width: columns)
        if let status {
            var text = "fleet \(status.devicesConnected)/\(status.devicesTotal) online  alerts \(status.alertsOpen)"
            if let metrics = snapshot.coverage?.metrics ?? status.metrics {
                text += "  cov \(Int((metrics.coverageFraction * 100).rounded()))% avg \(Int(metrics.avgIdlenessS))s"
                    + " worst \(Int(metrics.worstIdlenessS))s"
            }
            // What the fleet is doing, as far as the line has room.
            let counts = Dictionary(grouping: snapshot.devices, by: \.state).mapValues(\.count)
            for state in [DeviceState.patrolling, .dispatched, .returning, .charging, .holding, .lost, .fault] {
                if let count = counts[state] { text += " \(count) \(Self.shortState(state))" }
            }
            summary.put(text, at: 1, style: .bold)
        } else if let error = snapshot.hubError {
            summary.put(error, at: 1, style: .stale)
        } else {
            summary.put("asking \(snapshot.endpoint)...", at: 1)
        }
        lines[1] = summary
    }

    private func drawFooter(_ lines: inout [WatchLine]) {
        var footer = WatchLine(width: columns)
        if let note = view.note, nowMS < view.noteUntilMS {
            footer.put(" \(note)", at: 0, style: .bold)
        } else if let error = snapshot.hubError {
            footer.put(" \(error)", at: 0, style: .stale)
        } else {
            footer.put(" q quit  p pause  +/- zoom  hjkl/arrows pan  Tab/n alert  a ack  r routes", at: 0, style: .dim)
        }
        lines[rows - 1] = footer
    }

    private func drawFrame(_ lines: inout [WatchLine]) {
        let right = mapColumns + 1
        lines[2].put("┌" + String(repeating: "─", count: mapColumns) + "┐", at: 0, style: .boundary)
        for row in 0..<mapRows {
            lines[3 + row].put("│", at: 0, style: .boundary)
            lines[3 + row].put("│", at: right, style: .boundary)
        }
        let scale = metresPerColumn.map { "\(Self.metres($0 * Double(mapColumns) / 4)) ├─┤" } ?? ""
        let zoom = view.zoom == 1 ? "" : " x\(Self.number(view.zoom)) "
        lines[rows - 2].put("└" + String(repeating: "─", count: mapColumns) + "┘", at: 0, style: .boundary)
        lines[rows - 2].put(zoom, at: 2, style: .boundary)
        if !scale.isEmpty, scale.count + 4 < mapColumns {
            lines[rows - 2].put(" \(scale) ", at: mapColumns - scale.count - 2, style: .boundary)
        }
    }

    // MARK: map

    /// The view's centre, metres.
    private func centre(_ extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)) -> (x: Double, y: Double) {
        ((extent.minX + extent.maxX) / 2 + view.panEastM, (extent.minY + extent.maxY) / 2 + view.panNorthM)
    }

    /// The map column and row of a point, nil when outside the view.
    func mapPosition(xM: Double, yM: Double) -> (column: Int, row: Int)? {
        guard let extent, let scale = metresPerColumn, xM.isFinite, yM.isFinite else { return nil }
        let middle = centre(extent)
        let column = ((xM - middle.x) / scale + Double(mapColumns) / 2).rounded(.down)
        let row = (Double(mapRows) / 2 - (yM - middle.y) / (2 * scale)).rounded(.down)
        guard column >= 0, column < Double(mapColumns), row >= 0, row < Double(mapRows) else { return nil }
        return (Int(column), Int(row))
    }

    private func drawMap(_ lines: inout [WatchLine]) {
        guard let extent, let scale = metresPerColumn else {
            let text = snapshot.hubError == nil ? "waiting for the hub's map..." : "no map: the hub is not answering"
            lines[3 + mapRows / 2].put(text, at: max(1, (mapColumns - text.count) / 2 + 1), style: .dim)
            return
        }
        let middle = centre(extent)
        let revisitS = site?.revisitS ?? snapshot.blindSpots.map(\.revisitS).min() ?? Self.defaultRevisitS
        for row in 0..<mapRows {
            for column in 0..<mapColumns {
                let x0 = middle.x + (Double(column) - Double(mapColumns) / 2) * scale
                let y1 = middle.y - (Double(row) - Double(mapRows) / 2) * 2 * scale
                let (glyph, style) = cellGlyph(x0: x0, y1: y1, scale: scale, revisitS: revisitS)
                lines[3 + row].put(String(glyph), at: 1 + column, style: style)
            }
        }
        if view.showRoutes { drawRoutes(&lines, scale: scale) }
        for spot in snapshot.blindSpots {
            if let position = mapPosition(xM: spot.centroid.xM, yM: spot.centroid.yM) {
                lines[3 + position.row].put("?", at: 1 + position.column, style: .blind)
            }
        }
        let alerts = snapshot.activeAlerts
        let selected = view.selectedIndex(in: alerts.map(\.alertID))
        for (index, alert) in alerts.enumerated().reversed() {
            if let position = mapPosition(xM: alert.position.xM, yM: alert.position.yM) {
                lines[3 + position.row].put("!", at: 1 + position.column,
                                            style: index == selected ? .selected : Self.alertStyle(alert.severity))
            }
        }
        for device in snapshot.devices {
            if let position = mapPosition(xM: device.position.xM, yM: device.position.yM) {
                lines[3 + position.row].put(String(Self.arrow(device.headingDeg)), at: 1 + position.column,
                                            style: Self.deviceStyle(device))
            }
        }
    }

    /// Each route's legs as dots, sampled every half column so no character of a leg is skipped.
    private func drawRoutes(_ lines: inout [WatchLine], scale: Double) {
        for route in snapshot.routes where route.waypoints.count >= 2 {
            let points = route.waypoints.map(\.position)
            for (from, to) in zip(points, points.dropFirst() + [points[0]]) {
                let lengthM = ((to.xM - from.xM) * (to.xM - from.xM) + (to.yM - from.yM) * (to.yM - from.yM))
                    .squareRoot()
                let steps = min(10_000, max(1, Int(lengthM / (scale / 2))))
                for step in 0...steps {
                    let t = Double(step) / Double(steps)
                    guard let position = mapPosition(xM: from.xM + (to.xM - from.xM) * t,
                                                     yM: from.yM + (to.yM - from.yM) * t) else { continue }
                    lines[3 + position.row].put("∙", at: 1 + position.column, style: .route)
                }
            }
        }
    }

    /// What one map character shows: the stalest patrol cell under it (sampled 3 x 3), else the site outline.
    private func cellGlyph(x0: Double, y1: Double, scale: Double, revisitS: Double) -> (Character, WatchStyle) {
        var worst: UInt32?
        if let map = snapshot.coverage, !snapshot.cellIdlenessS.isEmpty {
            for sy in 0..<3 {
                for sx in 0..<3 {
                    let x = x0 + (Double(sx) + 0.5) / 3 * scale
                    let y = y1 - (Double(sy) + 0.5) / 3 * 2 * scale
                    let cx = ((x - map.minXM) / map.cellM).rounded(.down)
                    let cy = ((y - map.minYM) / map.cellM).rounded(.down)
                    guard cx >= 0, cy >= 0, cx < Double(map.width), cy < Double(map.height) else { continue }
                    let idleness = snapshot.cellIdlenessS[Int(cy) * Int(map.width) + Int(cx)]
                    if idleness != RunLengths.notPatrolCell { worst = max(worst ?? 0, idleness) }
                }
            }
        }
        if let worst {
            let ratio = Double(worst) / max(revisitS, 1)
            if ratio < 0.5 { return ("·", .fresh) }
            if ratio < 1 { return (":", .aging) }
            if ratio < 2 { return ("+", .stale) }
            return ("%", .blind)
        }
        let centre = Point2(x: x0 + scale / 2, y: y1 - scale)
        if let site {
            if site.buildings.contains(where: { $0.contains(centre) }) { return ("#", .building) }
            if let boundary = site.boundary, !boundary.contains(centre) { return (" ", .plain) }
            // Inside the site but not a patrol cell: seen continuously by a fixed camera.
            return (",", .dim)
        }
        return (" ", .plain)
    }

    // MARK: side panel

    private func drawSidePanel(_ lines: inout [WatchLine]) {
        let column = sideColumn
        let width = columns - column
        let firstRow = 2
        let lastRow = rows - 2
        var row = firstRow
        let devices = snapshot.devices.sorted { $0.deviceID < $1.deviceID }
        let alerts = snapshot.activeAlerts
        // Devices get at most half the panel so alerts always show.
        let deviceRows = min(devices.count, max(1, (lastRow - firstRow + 1) / 2 - 1))
        lines[row].put("DEVICES \(devices.filter(\.connected).count)/\(devices.count)", at: column, style: .bold)
        row += 1
        for device in devices.prefix(deviceRows) {
            let battery = "\(Int((device.batteryFraction * 100).rounded()))%"
            let state = device.connected ? Self.shortState(device.state) : "offline"
            let text = "\(Self.pad(device.deviceID, width - 16)) \(Self.pad(state, 8)) \(battery)"
            lines[row].put(String(Self.arrow(device.headingDeg)), at: column, style: Self.deviceStyle(device))
            lines[row].put(text, at: column + 2)
            row += 1
        }
        if devices.count > deviceRows {
            lines[row - 1].put(Self.pad("  +\(devices.count - deviceRows + 1) more", width), at: column, style: .dim)
        }
        row += 1
        guard row <= lastRow else { return }
        lines[row].put("ALERTS \(alerts.filter { $0.state == .open }.count) open", at: column, style: .bold)
        row += 1
        let selected = view.selectedIndex(in: alerts.map(\.alertID))
        // Keep two rows for the selected alert's message and one for blind spots.
        let alertRows = max(0, lastRow - row - 2)
        let first = alerts.count <= alertRows ? 0 : min(max(0, selected - alertRows / 2), alerts.count - alertRows)
        for (index, alert) in alerts.enumerated().dropFirst(first).prefix(alertRows) {
            let marker = index == selected ? ">" : " "
            let age = Self.duration(Double(max(0, nowMS - alert.openedMS)) / 1000)
            let state = alert.state == .acknowledged ? "ack " : ""
            let text = "\(marker)\(Self.severityLetter(alert.severity)) \(state)\(alert.kind.rawValue)"
            lines[row].put(Self.pad(text, width - 6) + " " + age, at: column,
                           style: index == selected ? .selected : Self.alertStyle(alert.severity))
            row += 1
        }
        if alerts.isEmpty {
            lines[row].put(" none", at: column, style: .dim)
            row += 1
        }
        if selected < alerts.count, row + 1 <= lastRow {
            let alert = alerts[selected]
            let message = "\(alert.alertID): \(alert.message)"
            lines[row].put(String(message.prefix(width)), at: column, style: .dim)
            if message.count > width, row + 2 <= lastRow {
                lines[row + 1].put(String(message.dropFirst(width).prefix(width)), at: column, style: .dim)
            }
        }
        let spots = snapshot.blindSpots
        let worst = spots.map(\.worstIdlenessS).max().map { ", worst \(Int($0))s" } ?? ""
        lines[lastRow].put("BLIND SPOTS \(spots.count)\(worst)", at: column, style: spots.isEmpty ? .dim : .blind)
    }

    // MARK: formatting

    /// An arrow pointing along a compass bearing (0 north, 90 east).
    static func arrow(_ headingDeg: Double) -> Character {
        let arrows: [Character] = ["↑", "↗", "→", "↘", "↓", "↙", "←", "↖"]
        guard headingDeg.isFinite else { return "•" }
        let sector = Int((headingDeg / 45).rounded()) % 8
        return arrows[(sector + 8) % 8]
    }

    static func deviceStyle(_ device: DeviceInfo) -> WatchStyle {
        guard device.connected else { return .deviceDown }
        switch device.state {
        case .patrolling, .idle: return .deviceActive
        case .dispatched: return .deviceBusy
        case .returning, .charging: return .deviceHome
        case .holding: return .deviceHold
        case .lost, .fault: return .deviceDown
        }
    }

    static func alertStyle(_ severity: Severity) -> WatchStyle {
        switch severity {
        case .critical: .alertCritical
        case .warning: .alertWarning
        case .info: .alertInfo
        }
    }

    static func severityLetter(_ severity: Severity) -> String {
        switch severity {
        case .critical: "C"
        case .warning: "W"
        case .info: "i"
        }
    }

    static func shortState(_ state: DeviceState) -> String {
        switch state {
        case .patrolling: "patrol"
        case .dispatched: "dispatch"
        case .returning: "return"
        default: state.rawValue
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let width = max(0, width)
        return text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 120 { return "\(Int(seconds))s" }
        if seconds < 7200 { return "\(Int(seconds / 60))m" }
        return "\(Int(seconds / 3600))h"
    }

    static func metres(_ value: Double) -> String {
        value >= 1000 ? "\(number(value / 1000)) km" : "\(Int(value.rounded())) m"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
