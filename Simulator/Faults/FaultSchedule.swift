import PatrolCore

/// The faults of a run, from `sim.faults` in mission.json and from command-line flags, with a log of
/// what each did: the report says what happened, not only what was asked for.
public struct FaultSchedule: Sendable {
    public struct Entry: Sendable {
        public let fault: SimFault
        /// Where it came from: "mission" or "flag".
        public let source: String
        /// Times it took effect (crashes, battery faults, camera changes, link losses) or messages hit.
        public var applied = 0
        /// What happened, in words, e.g. "crashed at 300 s" or "dropped 41 messages".
        public var notes: [String] = []
        /// Whether the fault was in force at the last `noteTransitions`.
        var wasActive = false
    }

    public private(set) var entries: [Entry]

    /// - Parameters:
    ///   - mission: faults of `sim.faults`.
    ///   - extra: faults from flags.
    public init(mission: [SimFault], extra: [SimFault] = []) {
        entries = mission.map { Entry(fault: $0, source: "mission") } + extra.map { Entry(fault: $0, source: "flag") }
    }

    static func isActive(_ fault: SimFault, at nowS: Double) -> Bool {
        guard nowS >= fault.atS else { return false }
        guard let durationS = fault.durationS else { return true }
        return nowS < fault.atS + durationS
    }

    static func concerns(_ fault: SimFault, device: String) -> Bool { fault.device == nil || fault.device == device }

    /// Indices of entries of `kind` that apply to `device` at `nowS`.
    func activeEntries(_ kind: SimFault.Kind, device: String, at nowS: Double) -> [Int] {
        entries.indices.filter {
            let fault = entries[$0].fault
            return fault.kind == kind && Self.concerns(fault, device: device) && Self.isActive(fault, at: nowS)
        }
    }

    /// Whether `device`'s link is down at `nowS`.
    public func linkIsDown(device: String, at nowS: Double) -> Bool {
        !activeEntries(.commLoss, device: device, at: nowS).isEmpty
    }

    /// Probability that a message of `device` of the given fault kind is hit at `nowS` (rates combine).
    public func rate(_ kind: SimFault.Kind, device: String, at nowS: Double) -> Double {
        var pass = 1.0
        for index in activeEntries(kind, device: device, at: nowS) {
            pass *= 1 - min(1, max(0, entries[index].fault.rate ?? 0))
        }
        return 1 - pass
    }

    /// Battery drain multiplier of `device` at `nowS`.
    public func drainMultiplier(device: String, at nowS: Double) -> Double {
        activeEntries(.batteryDrain, device: device, at: nowS).reduce(1.0) { $0 * max(1, entries[$1].fault.rate ?? 2) }
    }

    /// Extra position noise (standard deviation, metres) on `device`'s reports at `nowS`.
    public func gpsNoiseM(device: String, at nowS: Double) -> Double {
        activeEntries(.gpsNoise, device: device, at: nowS).reduce(0.0) { max($0, entries[$1].fault.rate ?? 5) }
    }

    /// Whether fixed camera `camera` is offline at `nowS`.
    public func cameraIsOffline(_ camera: String, at nowS: Double) -> Bool {
        entries.contains { $0.fault.kind == .cameraOffline && $0.fault.camera == camera && Self.isActive($0.fault, at: nowS) }
    }

    /// Ids of the fixed cameras that go offline at some point.
    public var camerasEverOffline: Set<String> {
        Set(entries.compactMap { $0.fault.kind == .cameraOffline ? $0.fault.camera : nil })
    }

    /// Devices due to crash in (previousS, nowS].
    public func crashes(after previousS: Double, upTo nowS: Double) -> [(index: Int, device: String)] {
        entries.indices.compactMap { index in
            let fault = entries[index].fault
            guard fault.kind == .deviceCrash, let device = fault.device, fault.atS > previousS, fault.atS <= nowS
            else { return nil }
            return (index, device)
        }
    }

    /// Records that entry `index` took effect (`count` times) and, optionally, a note on what happened.
    public mutating func noteApplied(_ index: Int, count: Int = 1, note: String? = nil) {
        entries[index].applied += count
        if let note, entries[index].notes.count < 20 { entries[index].notes.append(note) }
    }

    /// Notes when link, battery and GPS faults come into force and end; crashes and cameras are noted
    /// where they are applied.
    public mutating func noteTransitions(at nowS: Double) {
        for index in entries.indices {
            let fault = entries[index].fault
            switch fault.kind {
            case .deviceCrash, .cameraOffline: continue
            default: break
            }
            let active = Self.isActive(fault, at: nowS)
            guard active != entries[index].wasActive else { continue }
            entries[index].wasActive = active
            let target = fault.device ?? "every device"
            if active {
                switch fault.kind {
                case .batteryDrain, .gpsNoise, .commLoss: entries[index].applied += 1
                default: break
                }
            }
            if entries[index].notes.count < 20 {
                entries[index].notes.append("\(fault.kind.rawValue) on \(target) \(active ? "from" : "until") \(Int(nowS)) s")
            }
        }
    }

    /// Credits message faults with the messages they hit, from each device's link counters.
    public mutating func noteMessageHits(byDevice counters: [String: MessageCounters]) {
        for index in entries.indices {
            let fault = entries[index].fault
            let hits: (MessageCounters) -> Int
            switch fault.kind {
            case .messageDrop: hits = { $0.dropped }
            case .messageDuplicate: hits = { $0.duplicated }
            case .messageReorder: hits = { $0.reordered }
            default: continue
            }
            entries[index].applied = counters.filter { Self.concerns(fault, device: $0.key) }.values.map(hits).reduce(0, +)
        }
    }
}
