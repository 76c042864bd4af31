import PatrolCore

/// A place (and camera heading) from which a device of one kind sees a set of patrol targets.
public struct Viewpoint: Hashable, Sendable {
    public var kind: DeviceKind
    /// Local metres; `z` is the altitude for drones, 0 for robots.
    public var position: Point3
    /// Compass bearing the camera faces, degrees; nil when it sees all around.
    public var headingDeg: Double?
    /// Indices of the targets seen from here, increasing.
    public var targets: [Int]

    public init(kind: DeviceKind, position: Point3, headingDeg: Double?, targets: [Int]) {
        self.kind = kind
        self.position = position
        self.headingDeg = headingDeg
        self.targets = targets
    }
}
