import Foundation
import PatrolCore

/// What a device's camera sees from its pose, through PatrolCore's visibility (with occlusion).
///
/// Drones see the footprint of a tilted camera at altitude; robots a sector at mast height. The cells
/// are collected into a buffer the caller keeps, so a frame allocates nothing once warmed up.
public enum DeviceCamera {
    /// The viewing sector of a device's camera right now, or nil when it sees no ground.
    public static func sector(of device: SimDevice) -> ViewSector? {
        let camera = device.spec.camera
        switch device.spec.kind {
        case .drone:
            return Visibility.droneSector(position: device.position3, headingDeg: device.cameraHeadingDeg,
                                          camera: camera)
        case .robot:
            return ViewSector(eye: Point3(device.position, z: camera.altitudeM), headingDeg: device.cameraHeadingDeg,
                              fovDeg: camera.fovDeg, rangeM: camera.rangeM)
        }
    }

    /// Whether two sectors are the same in every field, so that they see the same cells.
    public static func sameView(_ a: ViewSector, _ b: ViewSector) -> Bool {
        a.eye.x == b.eye.x && a.eye.y == b.eye.y && a.eye.z == b.eye.z && a.headingDeg == b.headingDeg
            && a.fovDeg == b.fovDeg && a.rangeM == b.rangeM && a.nearM == b.nearM
    }

    /// Fills `cells` with the inside cells visible in `sector`.
    public static func visibleCells(in grid: SiteGrid, sector: ViewSector, into cells: inout [Int]) {
        cells.removeAll(keepingCapacity: true)
        Visibility.forEachVisibleCell(in: grid, from: sector) { cell in
            if grid.inside[cell] { cells.append(cell) }
        }
    }

    /// The probability of noticing an incident at `distanceM` from the camera: high up close, falling
    /// linearly to a tenth of it at the edge of the camera's range.
    public static func detectionProbability(distanceM: Double, rangeM: Double) -> Double {
        let ratio = min(1, max(0, distanceM / max(rangeM, 1)))
        return 0.95 * (1 - 0.9 * ratio)
    }

    /// A person count with the errors of a real counter: about 10 % relative noise, never negative.
    public static func noisyCount(_ trueCount: Int, random: inout SeededRandom) -> Int {
        guard trueCount > 0 else { return 0 }
        let noisy = Double(trueCount) * (1 + 0.1 * random.nextGaussian())
        return max(0, Int(noisy.rounded()))
    }
}
