import PatrolCore

/// The live coverage map of one site: per cell when it was last seen, how often, by whom, and how
/// crowded it is.
///
/// 12 bytes per cell plus the layout's byte (last-seen offset 4, times seen 4, last device 2, fixed-camera
/// cover 1, in one packed record so that merging a footprint, whose cells come in the visibility sweep's
/// order rather than row by row, misses the cache once per cell instead of once per layer), and crowd
/// density only in tiles that got a reading: a 4 M-cell site takes about 52 MB. Pure logic: every call is
/// given its time in milliseconds.
///
/// Merging is order-independent: last seen is a maximum, times seen counts distinct
/// (device, capture time) pairs, the last device is the one with the latest capture (ties go to the
/// smaller id), and density fusion is commutative, so shuffled and duplicated streams give the same map.
public struct CoverageMap: Sendable {
    /// What `apply` did with an observation.
    public enum MergeOutcome: Equatable, Sendable {
        /// Merged; the footprint had this many cells.
        case merged(cells: Int)
        /// The same (device, capture time) was merged before; nothing changed.
        case duplicate
        /// Older than the deduplication window behind the newest capture: only last-seen times were
        /// raised (idempotent); times seen and density were left alone, since a duplicate that old can
        /// no longer be recognized.
        case late(cells: Int)
    }

    public let layout: CoverageLayout
    /// The time the map started (mission start): cells not seen since then are idle since then.
    public let startMS: Int64
    /// Last-seen offsets count from here; moves forward only when an offset would overflow `UInt32`.
    public internal(set) var baseMS: Int64
    /// Devices named by the map's cells.
    public internal(set) var devices = DeviceTable()

    /// Per cell state, row-major.
    var records: [CellRecord]
    var density: CrowdDensityLayer
    var changes: ChangeTracker
    var deduplicator: ObservationDeduplicator
    var cameraIndexByID: [String: Int] = [:]
    var cameraOnline: [Bool]
    /// Time of the latest online/offline change applied to each camera.
    var cameraChangedMS: [Int64?]
    /// Reused footprint buffer.
    var footprint: [Int32] = []
    /// Visible cells worked out ahead for sectors about to be merged (`prepareFootprints`), in the order
    /// `Visibility.forEachVisibleCell` gives them; `apply` takes the entry of its sector.
    var preparedFootprints: [FootprintKey: [Int]] = [:]

    /// - Parameters:
    ///   - layout: the static side (grid, patrol cells, fixed cameras).
    ///   - startMS: mission start; every fixed camera is online from then.
    ///   - densityTauS: time constant of crowd-density decay, seconds.
    ///   - dedupeWindowMS: how far behind the newest capture duplicates are still recognized.
    public init(layout: CoverageLayout, startMS: Int64, densityTauS: Double = 30, dedupeWindowMS: Int64 = 120_000) {
        self.layout = layout
        self.startMS = startMS
        baseMS = startMS
        let count = layout.cellCount
        records = [CellRecord](repeating: CellRecord(), count: count)
        density = CrowdDensityLayer(width: layout.width, height: layout.height, cellM: layout.cellM, tauS: densityTauS)
        changes = ChangeTracker(width: layout.width, height: layout.height)
        deduplicator = ObservationDeduplicator(windowMS: dedupeWindowMS)
        cameraOnline = [Bool](repeating: true, count: layout.fixedCameras.count)
        cameraChangedMS = [Int64?](repeating: nil, count: layout.fixedCameras.count)
        for (index, camera) in layout.fixedCameras.enumerated() {
            cameraIndexByID[camera.id] = index
            for cell in camera.cells where records[Int(cell)].fixedCover < UInt8.max { records[Int(cell)].fixedCover += 1 }
        }
    }

    // MARK: Reading

    /// Cells in the map.
    public var cellCount: Int { layout.cellCount }

    /// Bytes held by the per-cell arrays of the map (not the layout or grid).
    public var memoryBytes: Int { cellCount * MemoryLayout<CellRecord>.stride + density.allocatedBytes }

    /// The last time the cell was seen, ms; `baseMS` (the start) when it was not seen since.
    /// Cells an online fixed camera watches are seen continuously: see `idlenessMS`.
    public func lastSeenMS(ofCell cell: Int) -> Int64 { baseMS + Int64(records[cell].lastSeenOffsetMS) }

    /// Distinct observations that saw the cell.
    public func timesSeen(ofCell cell: Int) -> Int { Int(records[cell].timesSeen) }

    /// The device of the latest observation of the cell, or nil.
    public func lastDevice(ofCell cell: Int) -> String? { devices.id(at: records[cell].lastDevice) }

    /// Whether an online fixed camera watches the cell.
    public func isCoveredByFixedCamera(_ cell: Int) -> Bool { records[cell].fixedCover > 0 }

    /// Whether the cell counts as a patrol cell now: monitored and not watched by an online fixed camera.
    @inlinable
    public func isPatrolCell(_ cell: Int) -> Bool { layout.isMonitored(cell) && !isCoveredByFixedCamera(cell) }

    /// Time since the cell was last seen, ms; 0 while an online fixed camera watches it.
    public func idlenessMS(ofCell cell: Int, nowMS: Int64) -> Int64 {
        records[cell].fixedCover > 0 ? 0 : max(0, nowMS - lastSeenMS(ofCell: cell))
    }

    /// The fused crowd density at a cell (persons per m2) and the confidence left in it at `nowMS` (sum of
    /// the readings' confidences, each decayed by its age); nil when no count ever covered it. Density is
    /// kept per block of cells about 2 m on a side (see `densityBlockCells`), so neighbours in one block
    /// share it.
    public func crowdDensity(ofCell cell: Int, nowMS: Int64) -> (densityPPM2: Double, confidence: Double)? {
        density.estimate(cell: cell, nowMS: nowMS)
    }

    /// Side of the square blocks of cells that share a density estimate, cells.
    public var densityBlockCells: Int { 1 << density.blockShift }

    /// Whether a fixed camera is online; nil for an unknown id.
    public func isCameraOnline(_ id: String) -> Bool? { cameraIndexByID[id].map { cameraOnline[$0] } }

    /// A number that grows with every change; pass it to `changedRegions(since:nowMS:)` later.
    public var changeMark: UInt64 { changes.version }

    // MARK: Fixed cameras

    /// Records a fixed camera going offline or coming back.
    ///
    /// Offline, its cells that no other online camera watches become patrol cells idle from `atMS`;
    /// back online, they are seen continuously again. A change older than the latest one applied to the
    /// same camera is ignored, so late reports cannot undo newer ones.
    /// - Returns: whether the camera's state changed.
    /// - Throws: `CoverageError.unknownCamera` for an id the layout does not know.
    @discardableResult
    public mutating func setCameraOnline(_ id: String, online: Bool, atMS: Int64) throws(CoverageError) -> Bool {
        guard let index = cameraIndexByID[id] else { throw .unknownCamera(id) }
        if let changed = cameraChangedMS[index], atMS < changed { return false }
        cameraChangedMS[index] = atMS
        guard cameraOnline[index] != online else { return false }
        cameraOnline[index] = online
        changes.begin()
        let offset = offset(forMS: atMS)
        for cell32 in layout.fixedCameras[index].cells {
            let cell = Int(cell32)
            if online {
                records[cell].fixedCover += 1
            } else {
                records[cell].fixedCover -= 1
                if records[cell].fixedCover == 0, offset > records[cell].lastSeenOffsetMS {
                    records[cell].lastSeenOffsetMS = offset
                }
            }
            changes.touch(cell: cell)
        }
        return true
    }

    // MARK: Merging

    /// The offset of a time from `baseMS`, moving the base forward first when the time would not fit.
    mutating func offset(forMS timeMS: Int64) -> UInt32 {
        if timeMS <= baseMS { return 0 }
        if timeMS - baseMS >= Int64(UInt32.max) { rebase(toward: timeMS) }
        return UInt32(timeMS - baseMS)
    }

    /// Moves the base so that `timeMS` sits 2^31 ms (about 24.8 days) after it. Cells last seen before
    /// the new base keep offset 0: their idleness then counts from the new base, an underestimate that only
    /// ever concerns cells unseen for weeks.
    private mutating func rebase(toward timeMS: Int64) {
        let newBase = timeMS - (Int64(1) << 31)
        let shift = newBase - baseMS
        guard shift > 0 else { return }
        changes.begin()
        for cell in records.indices {
            let value = Int64(records[cell].lastSeenOffsetMS)
            records[cell].lastSeenOffsetMS = value > shift ? UInt32(value - shift) : 0
        }
        baseMS = newBase
        changes.touchAll()
    }

    /// Merges a footprint already computed (cell indices into the grid).
    ///
    /// This is the cell-level entry that `apply(_:)` uses; callers with their own footprint (a simulator
    /// that already knows what a camera saw) may call it directly.
    /// - Parameters:
    ///   - cells: the cells seen; order does not matter, duplicates within one footprint count once per call.
    ///   - deviceID: the observer.
    ///   - capturedMS: capture time.
    ///   - densityPPM2: crowd density measured over the footprint, with `confidence` in (0, 1], if any.
    /// - Returns: what was done.
    /// - Throws: `CoverageError.observation` for a cell outside the grid.
    @discardableResult
    public mutating func merge(cells: [Int32], deviceID: String, capturedMS: Int64, densityPPM2: Double? = nil,
                               confidence: Double = 1) throws(CoverageError) -> MergeOutcome {
        for cell in cells where cell < 0 || Int(cell) >= cellCount {
            throw .observation("device '\(deviceID)' footprint cell \(cell) is outside the grid of \(cellCount) cells")
        }
        let device = try devices.intern(deviceID)
        return mergeChecked(device: device, capturedMS: capturedMS, bounds: nil, collectCells: false,
                            densityPPM2: { _ in densityPPM2 }, confidence: confidence) { body in
            for cell in cells { body(Int(cell)) }
        }
    }

    /// Merges the cells `visit` yields (all inside the grid) as seen by `device` at `capturedMS`.
    ///
    /// The cells are updated as they are visited, so a footprint never needs an array of its own; only a
    /// density reading (which needs the footprint's size first) collects them for a second pass.
    /// - Parameters:
    ///   - bounds: the cells' bounding rectangle when known; otherwise the rows they span are marked changed.
    ///   - collectCells: keep the cells for a density pass.
    ///   - densityPPM2: the density reading given the footprint's cell count, or nil.
    mutating func mergeChecked(device: UInt16, capturedMS: Int64, bounds: CellRectangle?, collectCells: Bool,
                               densityPPM2: (Int) -> Double?, confidence: Double,
                               visit: ((Int) -> Void) -> Void) -> MergeOutcome {
        let verdict = deduplicator.check(device: device, capturedMS: capturedMS)
        if verdict == .duplicate { return .duplicate }
        changes.begin()
        let offset = offset(forMS: capturedMS)
        let countsToo = verdict == .new
        let collect = collectCells && countsToo
        let rank = devices.id(at: device) ?? ""
        var minIndex = Int.max, maxIndex = Int.min, count = 0
        let deviceTable = devices
        // Moved out so the closure below can write them without overlapping accesses to `self`;
        // moving keeps each array uniquely referenced, so nothing is copied.
        var recordArray: [CellRecord] = [], collected: [Int32] = []
        swap(&recordArray, &records)
        swap(&collected, &footprint)
        collected.removeAll(keepingCapacity: true)
        let trackRows = bounds == nil
        recordArray.withUnsafeMutableBufferPointer { cells in
            visit { cell in
                count += 1
                if trackRows {
                    minIndex = min(minIndex, cell)
                    maxIndex = max(maxIndex, cell)
                }
                if collect { collected.append(Int32(truncatingIfNeeded: cell)) }
                if countsToo, cells[cell].timesSeen < UInt32.max { cells[cell].timesSeen += 1 }
                let current = cells[cell].lastSeenOffsetMS
                if offset > current {
                    cells[cell].lastSeenOffsetMS = offset
                    cells[cell].lastDevice = device
                } else if offset == current, cells[cell].lastDevice != device {
                    // Equal times: the smaller id wins, whatever the arrival order.
                    let last = cells[cell].lastDevice
                    if last == 0 || rank < (deviceTable.id(at: last) ?? "") { cells[cell].lastDevice = device }
                }
            }
        }
        swap(&recordArray, &records)
        if countsToo, count > 0, let value = densityPPM2(count), value.isFinite, value >= 0 {
            if collect {
                density.add(cells: collected, densityPPM2: Float(value), confidence: Float(confidence), atMS: capturedMS)
            } else {
                var cells: [Int32] = []
                visit { cells.append(Int32(truncatingIfNeeded: $0)) }
                density.add(cells: cells, densityPPM2: Float(value), confidence: Float(confidence), atMS: capturedMS)
            }
        }
        swap(&collected, &footprint)
        if let bounds {
            changes.touch(minCol: bounds.col, maxCol: bounds.col + bounds.width - 1,
                          minRow: bounds.row, maxRow: bounds.row + bounds.height - 1)
        } else if minIndex <= maxIndex {
            // Without column bounds, the rows spanned are exact and every column of them is marked.
            changes.touch(minCol: 0, maxCol: layout.width - 1, minRow: minIndex / layout.width,
                          maxRow: maxIndex / layout.width)
        }
        return countsToo ? .merged(cells: count) : .late(cells: count)
    }
}

/// The live state of one cell.
struct CellRecord: Sendable {
    /// Milliseconds after `baseMS` of the last sighting; 0 = at or before the base (not seen since the start).
    var lastSeenOffsetMS: UInt32 = 0
    /// Distinct observations that saw the cell, saturating.
    var timesSeen: UInt32 = 0
    /// Index in the device table of the latest observer; 0 for none.
    var lastDevice: UInt16 = 0
    /// How many online fixed cameras see the cell.
    var fixedCover: UInt8 = 0
}
