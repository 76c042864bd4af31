extension CoverageMap {
    /// Snapshot format version written by `snapshot()`.
    public static let snapshotVersion: UInt32 = 2

    /// The map's state as bytes, for the hub's periodic coverage snapshots (DESIGN.md section 7).
    ///
    /// Little-endian: magic `PCOV`, version, start and base times, grid size, the device table, each fixed
    /// camera's state, the cell records run-length encoded (identical neighbours, such as a stale area
    /// never seen, cost one run), and the crowd-density tiles. The deduplication window is not kept: after
    /// a restart the hub's own (device, seq) check drops resent messages.
    public func snapshot() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes(Array("PCOV".utf8))
        writer.uint32(Self.snapshotVersion)
        writer.int64(startMS)
        writer.int64(baseMS)
        writer.uint32(UInt32(layout.width))
        writer.uint32(UInt32(layout.height))
        writer.uint32(UInt32(devices.ids.count))
        for id in devices.ids { writer.string(id) }
        writer.uint32(UInt32(cameraOnline.count))
        for (online, changed) in zip(cameraOnline, cameraChangedMS) {
            writer.uint8(online ? 1 : 0)
            writer.int64(changed ?? .min)
        }
        var runStart = 0
        var runs: [(length: Int, record: CellRecord)] = []
        while runStart < records.count {
            let record = records[runStart]
            var end = runStart + 1
            while end < records.count, records[end].sameState(as: record) { end += 1 }
            runs.append((end - runStart, record))
            runStart = end
        }
        writer.uint32(UInt32(runs.count))
        for run in runs {
            writer.uint32(UInt32(run.length))
            writer.uint32(run.record.lastSeenOffsetMS)
            writer.uint32(run.record.timesSeen)
            writer.uint16(run.record.lastDevice)
        }
        writer.float64(density.tauS)
        writer.int64(density.epochMS ?? .min)
        writer.uint32(UInt32(density.allocatedTiles.count))
        for (slot, tile) in density.allocatedTiles.enumerated() {
            writer.uint32(UInt32(tile))
            // Runs of identical records: a tile is mostly cells without a reading.
            let tileRecords = Array(density.tileRecords(slot: slot))
            var runs: [(length: Int, record: CrowdDensityLayer.Record)] = []
            for record in tileRecords {
                if let last = runs.last, last.record == record {
                    runs[runs.count - 1].length += 1
                } else {
                    runs.append((1, record))
                }
            }
            writer.uint32(UInt32(runs.count))
            for run in runs {
                writer.uint32(UInt32(run.length))
                writer.float32(run.record.weightedSum)
                writer.float32(run.record.confidenceSum)
            }
        }
        return writer.output
    }

    /// Restores a map from `snapshot()` bytes on the same layout.
    /// - Throws: `CoverageError.layout` naming what does not match (magic, version, grid size, camera
    ///   count, a truncated or inconsistent field).
    public init(layout: CoverageLayout, snapshot bytes: [UInt8], dedupeWindowMS: Int64 = 120_000) throws(CoverageError) {
        var reader = ByteReader(bytes: bytes)
        guard try reader.bytes(4) == Array("PCOV".utf8) else {
            throw .layout("coverage snapshot does not start with PCOV; expected bytes from CoverageMap.snapshot()")
        }
        let version = try reader.uint32()
        guard version == Self.snapshotVersion else {
            throw .layout("coverage snapshot version \(version); expected \(Self.snapshotVersion)")
        }
        let startMS = try reader.int64(), baseMS = try reader.int64()
        let width = Int(try reader.uint32()), height = Int(try reader.uint32())
        guard width == layout.width, height == layout.height else {
            throw .layout("coverage snapshot is \(width) x \(height) cells; the mission grid is "
                + "\(layout.width) x \(layout.height)")
        }
        var devices = DeviceTable()
        for _ in 0..<Int(try reader.uint32()) { _ = try devices.intern(try reader.string()) }
        let cameraCount = Int(try reader.uint32())
        guard cameraCount == layout.fixedCameras.count else {
            throw .layout("coverage snapshot has \(cameraCount) fixed cameras; the mission has \(layout.fixedCameras.count)")
        }
        var online: [Bool] = [], changed: [Int64?] = []
        for _ in 0..<cameraCount {
            online.append(try reader.uint8() != 0)
            let time = try reader.int64()
            changed.append(time == .min ? nil : time)
        }
        var records: [CellRecord] = []
        records.reserveCapacity(layout.cellCount)
        for _ in 0..<Int(try reader.uint32()) {
            let length = Int(try reader.uint32())
            let record = CellRecord(lastSeenOffsetMS: try reader.uint32(), timesSeen: try reader.uint32(),
                                    lastDevice: try reader.uint16())
            guard Int(record.lastDevice) <= devices.ids.count, records.count + length <= layout.cellCount else {
                throw .layout("coverage snapshot has an inconsistent cell run (device \(record.lastDevice), "
                    + "\(records.count + length) cells of \(layout.cellCount))")
            }
            records.append(contentsOf: repeatElement(record, count: length))
        }
        guard records.count == layout.cellCount else {
            throw .layout("coverage snapshot holds \(records.count) cells; expected \(layout.cellCount)")
        }
        let tauS = try reader.float64()
        let epochMS = try reader.int64()
        self.init(layout: layout, startMS: startMS, densityTauS: tauS, dedupeWindowMS: dedupeWindowMS)
        density.restore(epochMS: epochMS == .min ? nil : epochMS)
        for _ in 0..<Int(try reader.uint32()) {
            let tile = Int(try reader.uint32())
            guard tile < density.tileCount, !density.allocatedTiles.contains(Int32(tile)) else {
                throw .layout("coverage snapshot names density tile \(tile); expected a distinct tile below \(density.tileCount)")
            }
            var tileRecords: [CrowdDensityLayer.Record] = []
            tileRecords.reserveCapacity(CrowdDensityLayer.tileCells)
            for _ in 0..<Int(try reader.uint32()) {
                let length = Int(try reader.uint32())
                let record = CrowdDensityLayer.Record(weightedSum: try reader.float32(),
                                                      confidenceSum: try reader.float32())
                guard tileRecords.count + length <= CrowdDensityLayer.tileCells else {
                    throw .layout("coverage snapshot density tile \(tile) holds more than \(CrowdDensityLayer.tileCells) cells")
                }
                tileRecords.append(contentsOf: repeatElement(record, count: length))
            }
            guard tileRecords.count == CrowdDensityLayer.tileCells else {
                throw .layout("coverage snapshot density tile \(tile) holds \(tileRecords.count) cells; "
                    + "expected \(CrowdDensityLayer.tileCells)")
            }
            density.restoreTile(tile, records: tileRecords)
        }
        guard reader.isAtEnd else { throw .layout("coverage snapshot has \(reader.remaining) bytes past its end") }
        self.baseMS = baseMS
        self.devices = devices
        cameraOnline = online
        cameraChangedMS = changed
        // Fixed-camera cover follows from the cameras' states, so it is recomputed rather than stored.
        var cover = [UInt8](repeating: 0, count: layout.cellCount)
        for (index, camera) in layout.fixedCameras.enumerated() where online[index] {
            for cell in camera.cells where cover[Int(cell)] < UInt8.max { cover[Int(cell)] += 1 }
        }
        for cell in records.indices { records[cell].fixedCover = cover[cell] }
        self.records = records
        changes.begin()
        changes.touchAll()
    }
}

extension CellRecord {
    /// Same last seen, count and device (fixed-camera cover is derived, not stored).
    func sameState(as other: CellRecord) -> Bool {
        lastSeenOffsetMS == other.lastSeenOffsetMS && timesSeen == other.timesSeen && lastDevice == other.lastDevice
    }
}

/// Little-endian writer for snapshots.
struct ByteWriter {
    var output: [UInt8] = []

    mutating func bytes(_ value: [UInt8]) { output.append(contentsOf: value) }
    mutating func uint8(_ value: UInt8) { output.append(value) }
    mutating func uint16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) } }
    mutating func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) } }
    mutating func int64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) } }
    mutating func float32(_ value: Float) { uint32(value.bitPattern) }
    mutating func float64(_ value: Double) { int64(Int64(bitPattern: value.bitPattern)) }
    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        uint32(UInt32(utf8.count))
        bytes(utf8)
    }
}

/// Little-endian reader for snapshots; every read checks the length left.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position == bytes.count }

    mutating func bytes(_ count: Int) throws(CoverageError) -> [UInt8] {
        guard count >= 0, remaining >= count else {
            throw .layout("coverage snapshot is truncated at byte \(position); expected \(count) more bytes")
        }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws(CoverageError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else {
            throw .layout("coverage snapshot is truncated at byte \(position); expected \(size) more bytes")
        }
        var value: T = 0
        for shift in 0..<size { value |= T(truncatingIfNeeded: bytes[position + shift]) << (8 * shift) }
        position += size
        return value
    }

    mutating func uint8() throws(CoverageError) -> UInt8 { try integer(UInt8.self) }
    mutating func uint16() throws(CoverageError) -> UInt16 { try integer(UInt16.self) }
    mutating func uint32() throws(CoverageError) -> UInt32 { try integer(UInt32.self) }
    mutating func int64() throws(CoverageError) -> Int64 { try integer(Int64.self) }
    mutating func float32() throws(CoverageError) -> Float { Float(bitPattern: try uint32()) }
    mutating func float64() throws(CoverageError) -> Double { Double(bitPattern: UInt64(bitPattern: try int64())) }
    mutating func string() throws(CoverageError) -> String {
        let length = Int(try uint32())
        return String(decoding: try bytes(length), as: UTF8.self)
    }
}
