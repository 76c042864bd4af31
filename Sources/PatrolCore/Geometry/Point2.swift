/// A point or vector in the site's local frame: metres east (`x`) and north (`y`) of the mission origin.
public struct Point2: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = Point2(x: 0, y: 0)

    public var length: Double { (x * x + y * y).squareRoot() }
    public var isFinite: Bool { x.isFinite && y.isFinite }

    public func distance(to other: Point2) -> Double { (self - other).length }

    public static func + (a: Point2, b: Point2) -> Point2 { Point2(x: a.x + b.x, y: a.y + b.y) }
    public static func - (a: Point2, b: Point2) -> Point2 { Point2(x: a.x - b.x, y: a.y - b.y) }
    public static func * (a: Point2, k: Double) -> Point2 { Point2(x: a.x * k, y: a.y * k) }
    public static func dot(_ a: Point2, _ b: Point2) -> Double { a.x * b.x + a.y * b.y }
    public static func cross(_ a: Point2, _ b: Point2) -> Double { a.x * b.y - a.y * b.x }

    public var description: String { "(\(x), \(y))" }
}

/// A point in the site's local frame with height: `z` is metres above ground.
public struct Point3: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    public var z: Double

    public init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    public init(_ ground: Point2, z: Double) {
        self.init(x: ground.x, y: ground.y, z: z)
    }

    public var ground: Point2 { Point2(x: x, y: y) }
    public var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }
}
