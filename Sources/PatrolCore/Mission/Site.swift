/// The site of a mission in local ENU metres: what the planner, the coverage maps, the simulator
/// and the renderer all work on.
public struct Site: Sendable {
    public var boundary: Polygon
    public var buildings: [Building]
    /// Drones avoid these.
    public var noFlyZones: [Polygon]
    /// Robots avoid these.
    public var keepOutZones: [Polygon]
    public var cameras: [FixedCamera]
    public var docks: [Dock]
    public var hotspots: [Hotspot]
    public var pointsOfInterest: [PointOfInterest]
    /// Set for ROS map_server sites: the occupancy raster, in the local frame.
    public var occupancy: OccupancyMap?
    /// Set for patrolling_sim sites: the patrol graph (graph mode).
    public var graph: PatrolGraph?

    public init(boundary: Polygon, buildings: [Building] = [], noFlyZones: [Polygon] = [],
                keepOutZones: [Polygon] = [], cameras: [FixedCamera] = [], docks: [Dock] = [],
                hotspots: [Hotspot] = [], pointsOfInterest: [PointOfInterest] = [],
                occupancy: OccupancyMap? = nil, graph: PatrolGraph? = nil) {
        self.boundary = boundary
        self.buildings = buildings
        self.noFlyZones = noFlyZones
        self.keepOutZones = keepOutZones
        self.cameras = cameras
        self.docks = docks
        self.hotspots = hotspots
        self.pointsOfInterest = pointsOfInterest
        self.occupancy = occupancy
        self.graph = graph
    }

    public func dock(id: String) -> Dock? { docks.first { $0.id == id } }
}

public struct Building: Hashable, Sendable {
    public var footprint: Polygon
    public var heightM: Double

    public init(footprint: Polygon, heightM: Double) {
        self.footprint = footprint
        self.heightM = heightM
    }
}

/// A fixed CCTV camera: sees its sector continuously while online.
public struct FixedCamera: Hashable, Sendable {
    public var id: String
    public var position: Point2
    /// Compass bearing of the optical axis, degrees.
    public var headingDeg: Double
    public var fovDeg: Double
    public var rangeM: Double
    /// Mounting height above ground, metres.
    public var heightM: Double

    public init(id: String, position: Point2, headingDeg: Double, fovDeg: Double, rangeM: Double, heightM: Double) {
        self.id = id
        self.position = position
        self.headingDeg = headingDeg
        self.fovDeg = fovDeg
        self.rangeM = rangeM
        self.heightM = heightM
    }
}

public struct Dock: Hashable, Sendable {
    public var id: String
    public var position: Point2

    public init(id: String, position: Point2) {
        self.id = id
        self.position = position
    }
}

/// A crowd hotspot: cells inside are weighted `weight` (>= 1).
public struct Hotspot: Hashable, Sendable {
    public var id: String
    public var area: Polygon
    public var weight: Double
    /// Crowd density the simulator aims for here, persons per square metre.
    public var expectedDensityPPM2: Double?

    public init(id: String, area: Polygon, weight: Double, expectedDensityPPM2: Double? = nil) {
        self.id = id
        self.area = area
        self.weight = weight
        self.expectedDensityPPM2 = expectedDensityPPM2
    }
}

public struct PointOfInterest: Hashable, Sendable {
    public var id: String
    public var position: Point2
    /// Revisit target for this point, seconds.
    public var revisitS: Double

    public init(id: String, position: Point2, revisitS: Double) {
        self.id = id
        self.position = position
        self.revisitS = revisitS
    }
}

/// A ROS map_server occupancy grid placed in the local frame; row 0 is the southern edge.
public struct OccupancyMap: Sendable {
    public var width: Int
    public var height: Int
    public var resolutionM: Double
    /// Local position of the south-west corner of cell (0, 0).
    public var origin: Point2
    /// Row-major, row 0 south: true where occupied (or unknown).
    public var occupied: [Bool]

    public init(width: Int, height: Int, resolutionM: Double, origin: Point2, occupied: [Bool]) {
        self.width = width
        self.height = height
        self.resolutionM = resolutionM
        self.origin = origin
        self.occupied = occupied
    }
}

/// A patrolling_sim graph: nodes in the local frame, undirected weighted edges.
public struct PatrolGraph: Sendable {
    public struct Edge: Hashable, Sendable {
        public var to: Int
        public var lengthM: Double

        public init(to: Int, lengthM: Double) {
            self.to = to
            self.lengthM = lengthM
        }
    }

    public var nodes: [Point2]
    /// `edges[i]`: the edges leaving node i.
    public var edges: [[Edge]]

    public init(nodes: [Point2], edges: [[Edge]]) {
        self.nodes = nodes
        self.edges = edges
    }
}
