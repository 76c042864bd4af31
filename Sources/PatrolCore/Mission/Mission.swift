import Foundation

/// A mission: a site, the fleet that patrols it, the patrol policy and optional simulation settings.
///
/// Loaded from `Missions/NAME/mission.json` and the site file it names (DESIGN.md section 4).
public struct Mission: Sendable {
    /// `name` in mission.json; also the hub's site id.
    public var name: String
    /// The folder the mission was loaded from.
    public var directory: URL
    /// The local ENU origin.
    public var origin: GeoPoint
    /// Raster cell size in metres.
    public var cellM: Double
    public var site: Site
    public var fleet: [FleetDevice]
    public var policy: Policy
    /// The `sim` block, used only by the simulator.
    public var sim: SimSettings
    /// Height given to the occupied cells of a ROS occupancy map (`wall_height_m`), metres.
    public var wallHeightM: Double = SiteGrid.defaultWallHeightM

    public init(name: String, directory: URL, origin: GeoPoint, cellM: Double, site: Site,
                fleet: [FleetDevice], policy: Policy, sim: SimSettings) {
        self.name = name
        self.directory = directory
        self.origin = origin
        self.cellM = cellM
        self.site = site
        self.fleet = fleet
        self.policy = policy
        self.sim = sim
    }
}

/// A latitude / longitude pair in WGS84 degrees.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var latitudeDeg: Double
    public var longitudeDeg: Double

    public init(latitudeDeg: Double, longitudeDeg: Double) {
        self.latitudeDeg = latitudeDeg
        self.longitudeDeg = longitudeDeg
    }
}

public enum DeviceKind: String, Sendable, Codable, CaseIterable {
    case drone
    case robot

    /// How fast a robot turns in place, degrees per second. Its camera is fixed to its body, so facing the next
    /// look heading at a stop takes time; the planner counts it and the simulator's robots turn at this rate.
    /// (A drone's camera yaws while it hovers, with no delay worth planning for.)
    public static let robotTurnRateDPS = 90.0
}

/// A device's camera as the mission describes it.
public struct CameraSpec: Hashable, Sendable, Codable {
    /// Horizontal field of view, degrees in (0, 360].
    public var fovDeg: Double
    /// Useful viewing range, metres.
    public var rangeM: Double
    /// Downward tilt below horizontal, degrees in [0, 90]; 90 looks straight down.
    public var pitchDeg: Double
    /// Drones: patrol altitude above ground; robots: camera mast height. Metres.
    public var altitudeM: Double

    public init(fovDeg: Double, rangeM: Double, pitchDeg: Double, altitudeM: Double) {
        self.fovDeg = fovDeg
        self.rangeM = rangeM
        self.pitchDeg = pitchDeg
        self.altitudeM = altitudeM
    }
}

/// One entry of `fleet` in mission.json.
public struct FleetDevice: Hashable, Sendable, Codable {
    public var id: String
    public var kind: DeviceKind
    public var speedMPS: Double
    /// Battery endurance when full, seconds.
    public var enduranceS: Double
    /// Id of the dock (a `dock` feature's `id`) the device starts from and charges at.
    public var dockID: String
    public var camera: CameraSpec

    public init(id: String, kind: DeviceKind, speedMPS: Double, enduranceS: Double, dockID: String,
                camera: CameraSpec) {
        self.id = id
        self.kind = kind
        self.speedMPS = speedMPS
        self.enduranceS = enduranceS
        self.dockID = dockID
        self.camera = camera
    }
}

/// `policy` in mission.json.
public struct Policy: Hashable, Sendable, Codable {
    /// Default revisit target for a patrol cell, seconds.
    public var revisitS: Double
    /// Revisit target by hotspot weight (weight rounded down), overriding `revisitS`; seconds.
    public var revisitSByWeight: [Int: Double]
    /// Cover the highest-weight cells with at least two devices, staggered in time.
    public var crossPatrol: Bool
    /// Crowd density that raises an alert, persons per square metre.
    public var crowdDensityAlertPPM2: Double
    /// How long the density must stay above the threshold before the alert, seconds.
    public var crowdDensitySustainS: Double
    /// A blind spot of weight >= `staleAlertMinWeight` raises an alert when unseen beyond this
    /// many times its revisit target.
    public var staleAlertFactor: Double
    public var staleAlertMinWeight: Double
    /// Battery reserve kept on every route, as a fraction of endurance.
    public var batteryReserveFraction: Double

    public init(revisitS: Double = 120, revisitSByWeight: [Int: Double] = [:], crossPatrol: Bool = false,
                crowdDensityAlertPPM2: Double = 4, crowdDensitySustainS: Double = 5,
                staleAlertFactor: Double = 2, staleAlertMinWeight: Double = 2,
                batteryReserveFraction: Double = 0.2) {
        self.revisitS = revisitS
        self.revisitSByWeight = revisitSByWeight
        self.crossPatrol = crossPatrol
        self.crowdDensityAlertPPM2 = crowdDensityAlertPPM2
        self.crowdDensitySustainS = crowdDensitySustainS
        self.staleAlertFactor = staleAlertFactor
        self.staleAlertMinWeight = staleAlertMinWeight
        self.batteryReserveFraction = batteryReserveFraction
    }

    /// The revisit target of a cell of the given weight, seconds.
    public func revisitTargetS(weight: Double) -> Double {
        let key = Int(weight.rounded(.down))
        if let exact = revisitSByWeight[key] { return exact }
        // A hotspot of weight w is revisited about w times as often as the default.
        return revisitS / max(1, weight)
    }
}
