import Dispatch
import PatrolCore
import Synchronization

extension CoverageMap {
    /// The ground sector an observation's camera covers before occlusion: a drone-style footprint from
    /// altitude when the camera is pitched down, a level sector from the camera height otherwise; nil when
    /// the camera sees no ground.
    public static func sector(of observation: CameraObservation) -> ViewSector? {
        if observation.pitchDeg > 0, observation.position.z > 0 {
            let camera = CameraSpec(fovDeg: observation.fovDeg, rangeM: observation.rangeM,
                                    pitchDeg: observation.pitchDeg, altitudeM: observation.position.z)
            return Visibility.droneSector(position: observation.position, headingDeg: observation.headingDeg,
                                          camera: camera)
        }
        return ViewSector(eye: observation.position, headingDeg: observation.headingDeg,
                          fovDeg: observation.fovDeg, rangeM: observation.rangeM)
    }

    /// Merges one camera observation: its footprint, with occlusion by buildings, becomes seen at the
    /// capture time; a person count becomes a density reading over the footprint's area.
    /// - Returns: what was done (merged, duplicate, or late).
    /// - Throws: `CoverageError.observation` naming the device and field when the observation is invalid.
    @discardableResult
    public mutating func apply(_ observation: CameraObservation) throws(CoverageError) -> MergeOutcome {
        try observation.validate()
        let device = try devices.intern(observation.deviceID)
        let grid = layout.grid
        let cellAreaM2 = layout.cellM * layout.cellM
        guard let sector = Self.sector(of: observation) else {
            return mergeChecked(device: device, capturedMS: observation.capturedMS, bounds: nil, collectCells: false,
                                densityPPM2: { _ in nil }, confidence: 1) { _ in }
        }
        let prepared = preparedFootprints.isEmpty ? nil : preparedFootprints.removeValue(forKey: FootprintKey(sector))
        return mergeChecked(device: device, capturedMS: observation.capturedMS, bounds: Self.bounds(of: sector, grid: grid),
                            collectCells: observation.personCount != nil,
                            densityPPM2: { cells in observation.personCount.map { Double($0) / (Double(cells) * cellAreaM2) } },
                            confidence: observation.countConfidence) { body in
            if let prepared {
                for cell in prepared { body(cell) }
            } else {
                Visibility.forEachVisibleCell(in: grid, from: sector, body)
            }
        }
    }

    /// Works out, on up to two threads, the footprints of observations about to be applied, so that
    /// `apply` merges them without computing visibility itself. Visibility depends only on the grid and
    /// the sector, so a prepared footprint is the one `apply` would compute; entries not taken by the next
    /// `clearPreparedFootprints()` are dropped then.
    public mutating func prepareFootprints(of observations: [CameraObservation]) {
        let sectors = observations.compactMap(Self.sector(of:))
        guard !sectors.isEmpty else { return }
        let grid = layout.grid
        let chunkCount = sectors.count >= 8 ? 2 : 1
        let parts = Mutex<[[[Int]]]>([[[Int]]](repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = sectors.count * chunk / chunkCount..<sectors.count * (chunk + 1) / chunkCount
            let part = sectors[range].map { sector in
                var cells: [Int] = []
                Visibility.forEachVisibleCell(in: grid, from: sector) { cells.append($0) }
                return cells
            }
            parts.withLock { $0[chunk] = part }
        }
        for (sector, cells) in zip(sectors, parts.withLock { $0.flatMap { $0 } }) {
            preparedFootprints[FootprintKey(sector)] = cells
        }
    }

    /// Drops the prepared footprints no observation took (duplicates, late or refused observations).
    public mutating func clearPreparedFootprints() {
        if !preparedFootprints.isEmpty { preparedFootprints.removeAll(keepingCapacity: true) }
    }

    /// Cells of the sector's bounding square (eye plus or minus range), clamped to the grid.
    static func bounds(of sector: ViewSector, grid: SiteGrid) -> CellRectangle {
        let reachM = sector.rangeM + grid.cellM
        let minCol = Int(((sector.eye.x - reachM - grid.origin.x) / grid.cellM).rounded(.down))
        let maxCol = Int(((sector.eye.x + reachM - grid.origin.x) / grid.cellM).rounded(.down))
        let minRow = Int(((sector.eye.y - reachM - grid.origin.y) / grid.cellM).rounded(.down))
        let maxRow = Int(((sector.eye.y + reachM - grid.origin.y) / grid.cellM).rounded(.down))
        let col = max(0, min(grid.width - 1, minCol)), row = max(0, min(grid.height - 1, minRow))
        let lastCol = max(col, min(grid.width - 1, maxCol)), lastRow = max(row, min(grid.height - 1, maxRow))
        return CellRectangle(col: col, row: row, width: lastCol - col + 1, height: lastRow - row + 1)
    }
}

extension CoverageLayout {
    /// The layout of a mission's patrol area: its patrol cells with their weights and targets, and the
    /// site's fixed cameras with the cells each sees.
    /// - Throws: `CoverageError.layout` when the area and the mission disagree.
    public init(area: PatrolArea, mission: Mission) throws(CoverageError) {
        let cameras = mission.site.cameras
        guard cameras.count == area.fixedCameraCells.count else {
            throw .layout("mission '\(mission.name)' has \(cameras.count) cameras but the patrol area has "
                + "cells for \(area.fixedCameraCells.count)")
        }
        let fixed = zip(cameras, area.fixedCameraCells).map { camera, cells in
            FixedCameraCells(id: camera.id, position: camera.position, cells: cells.map { Int32($0) })
        }
        try self.init(grid: area.grid, patrolCells: area.cells, weights: area.weights,
                      revisitTargetsS: area.revisitTargetsS, fixedCameras: fixed, policy: mission.policy)
    }
}

/// A sector's fields, bit for bit: two sectors with equal keys see the same cells.
struct FootprintKey: Hashable, Sendable {
    let eyeX: UInt64, eyeY: UInt64, eyeZ: UInt64
    let headingDeg: UInt64, fovDeg: UInt64, rangeM: UInt64, nearM: UInt64

    init(_ sector: ViewSector) {
        eyeX = sector.eye.x.bitPattern
        eyeY = sector.eye.y.bitPattern
        eyeZ = sector.eye.z.bitPattern
        headingDeg = sector.headingDeg.bitPattern
        fovDeg = sector.fovDeg.bitPattern
        rangeM = sector.rangeM.bitPattern
        nearM = sector.nearM.bitPattern
    }
}
