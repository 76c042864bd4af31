/// What the operator chose to look at: zoom, pan, pause and the selected alert.
public struct WatchViewState: Hashable, Sendable {
    /// 1 fits the whole map; each step multiplies by 1.5.
    public var zoom: Double = 1
    /// Offset of the view's centre from the map's centre, in screen columns at the current zoom is awkward,
    /// so it is kept in metres (east, north).
    public var panEastM: Double = 0
    public var panNorthM: Double = 0
    /// Draw the plan's routes over the heat.
    public var showRoutes = true
    /// While paused the hub is not asked for anything and the screen keeps its last picture.
    public var paused = false
    /// The selected alert's id; nil selects the first listed.
    public var selectedAlertID: String?
    /// A one-line note shown in the footer (acknowledged, hub refused...), with the time it expires.
    public var note: String?
    public var noteUntilMS: Int64 = 0

    public static let zoomStep = 1.5
    public static let zoomRange: ClosedRange<Double> = 0.5...64

    public init() {}

    /// What a key asks the loop to do besides changing the view.
    public enum Action: Hashable, Sendable {
        case none
        case quit
        case acknowledge(alertID: String)
    }

    /// Applies one key.
    /// - Parameters:
    ///   - key: the key pressed.
    ///   - alerts: the alerts as listed on screen (selection moves through them).
    ///   - panStepM: how far one pan key moves the view, metres (a quarter of the visible width is natural).
    /// - Returns: what the loop must do.
    public mutating func apply(_ key: WatchKey, alerts: [String], panStepM: Double) -> Action {
        switch key {
        case .quit:
            return .quit
        case .pause:
            paused.toggle()
        case .toggleRoutes:
            showRoutes.toggle()
        case .zoomIn:
            zoom = min(zoom * Self.zoomStep, Self.zoomRange.upperBound)
        case .zoomOut:
            zoom = max(zoom / Self.zoomStep, Self.zoomRange.lowerBound)
        case .resetView:
            zoom = 1
            panEastM = 0
            panNorthM = 0
        case .panLeft:
            panEastM -= panStepM
        case .panRight:
            panEastM += panStepM
        case .panUp:
            panNorthM += panStepM
        case .panDown:
            panNorthM -= panStepM
        case .nextAlert, .previousAlert:
            guard !alerts.isEmpty else { selectedAlertID = nil; break }
            let current = selectedIndex(in: alerts)
            let step = key == .nextAlert ? 1 : alerts.count - 1
            selectedAlertID = alerts[(current + step) % alerts.count]
        case .acknowledge:
            guard !alerts.isEmpty else { return .none }
            return .acknowledge(alertID: alerts[selectedIndex(in: alerts)])
        }
        return .none
    }

    /// The index of the selected alert in a listing: the chosen one if still listed, else the first.
    public func selectedIndex(in alerts: [String]) -> Int {
        guard let selectedAlertID, let index = alerts.firstIndex(of: selectedAlertID) else { return 0 }
        return index
    }
}
