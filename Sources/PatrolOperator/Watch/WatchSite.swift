import PatrolCore

/// The parts of a mission the watch screen draws under the live map (given with `--mission`).
public struct WatchSite: Sendable {
    /// The site boundary in local metres; empty when unknown.
    public var boundary: Polygon?
    /// Building footprints in local metres.
    public var buildings: [Polygon]
    /// The mission's default revisit target, seconds: staleness is coloured relative to it.
    public var revisitS: Double

    public init(boundary: Polygon?, buildings: [Polygon], revisitS: Double) {
        self.boundary = boundary
        self.buildings = buildings
        self.revisitS = revisitS
    }

    /// The outline of a loaded mission.
    public init(mission: Mission) {
        let boundary = mission.site.boundary
        self.init(boundary: boundary.points.count >= 3 ? boundary : nil,
                  buildings: mission.site.buildings.map(\.footprint), revisitS: mission.policy.revisitS)
    }
}
