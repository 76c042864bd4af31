import PatrolCore

/// A device's route as the renderer draws it; built from a plan by its owner so that the renderer does
/// not depend on the planner's types.
public struct RouteDrawing: Hashable, Sendable {
    public var deviceID: String
    public var kind: DeviceKind
    /// The patrol cycle's waypoints in the local frame; drawn closed when `cyclic`.
    public var points: [Point2]
    /// The route is a loop (the last point leads back to the first).
    public var cyclic: Bool
    /// Seconds for one cycle, shown in the legend when known.
    public var cycleS: Double?

    public init(deviceID: String, kind: DeviceKind, points: [Point2], cyclic: Bool = true, cycleS: Double? = nil) {
        self.deviceID = deviceID
        self.kind = kind
        self.points = points
        self.cyclic = cyclic
        self.cycleS = cycleS
    }
}
