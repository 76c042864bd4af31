/// Device ids interned as compact indices, so each cell can name its last observer in two bytes.
///
/// Index 0 means "no device"; the first device gets 1. Indices follow arrival order, so anything
/// that must not depend on arrival order compares the ids, not the indices.
public struct DeviceTable: Sendable {
    public private(set) var ids: [String] = []
    private var indexByID: [String: UInt16] = [:]

    public init() {}

    /// The most devices one map can name.
    public static let capacity = Int(UInt16.max)

    /// The index of `id`, adding it when new.
    /// - Throws: `CoverageError.observation` when the table is full.
    public mutating func intern(_ id: String) throws(CoverageError) -> UInt16 {
        if let index = indexByID[id] { return index }
        guard ids.count < Self.capacity else {
            throw .observation("device '\(id)' cannot be added: the map already names \(Self.capacity) devices")
        }
        ids.append(id)
        let index = UInt16(ids.count)
        indexByID[id] = index
        return index
    }

    /// The index of a known id, or nil.
    public func index(of id: String) -> UInt16? { indexByID[id] }

    /// The id of an index from `intern`, or nil for 0 and unknown indices.
    public func id(at index: UInt16) -> String? {
        index == 0 || Int(index) > ids.count ? nil : ids[Int(index) - 1]
    }
}
