import PatrolCore

/// A coverage map's state as the renderer draws it, built by the coverage map's owner.
public struct StalenessDrawing: Sendable {
    /// A device's position at the time of the map.
    public struct DeviceMark: Hashable, Sendable {
        public var deviceID: String
        public var kind: DeviceKind
        public var position: Point2

        public init(deviceID: String, kind: DeviceKind, position: Point2) {
            self.deviceID = deviceID
            self.kind = kind
            self.position = position
        }
    }

    /// Per grid cell (`SiteGrid` order): idleness divided by the cell's revisit target; 0 just seen,
    /// 1 at its target, above 1 overdue. NaN (or negative) for cells that are not patrolled.
    public var ratios: [Float]
    /// The time of the map, seconds since the mission start; shown in the title when set.
    public var timeS: Double?
    public var devices: [DeviceMark]
    /// Fixed cameras reported offline: drawn struck through.
    public var offlineCameraIDs: Set<String>

    public init(ratios: [Float], timeS: Double? = nil, devices: [DeviceMark] = [], offlineCameraIDs: Set<String> = []) {
        self.ratios = ratios
        self.timeS = timeS
        self.devices = devices
        self.offlineCameraIDs = offlineCameraIDs
    }

    /// A drawing from per-patrol-cell figures, the way coverage maps and simulators keep them.
    /// - Parameters:
    ///   - cellCount: cells in the site grid.
    ///   - cells: grid index of each patrol cell.
    ///   - idlenessS: per patrol cell, seconds since it was last seen.
    ///   - revisitTargetsS: per patrol cell, its revisit target in seconds (> 0).
    public init(cellCount: Int, cells: [Int], idlenessS: [Double], revisitTargetsS: [Double], timeS: Double? = nil,
                devices: [DeviceMark] = [], offlineCameraIDs: Set<String> = []) {
        var ratios = [Float](repeating: .nan, count: cellCount)
        for (slot, cell) in cells.enumerated() where cell >= 0 && cell < cellCount && slot < idlenessS.count
            && slot < revisitTargetsS.count && revisitTargetsS[slot] > 0 {
            ratios[cell] = Float(max(0, idlenessS[slot]) / revisitTargetsS[slot])
        }
        self.init(ratios: ratios, timeS: timeS, devices: devices, offlineCameraIDs: offlineCameraIDs)
    }

    /// Whether cell `index` is patrolled and has a value.
    public func isPatrolled(_ index: Int) -> Bool {
        index < ratios.count && ratios[index].isFinite && ratios[index] >= 0
    }
}
