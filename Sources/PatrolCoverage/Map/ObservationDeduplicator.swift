/// Remembers which (device, capture time) observations were already merged, for a bounded window.
///
/// The hub already drops resent messages by (device, seq), but a device that restarts may send the
/// same capture again under a new seq; counting it twice would inflate times-seen and crowd density.
/// Memory stays bounded: keys older than `windowMS` behind the newest capture are forgotten, and an
/// observation that old is reported `late` so the map applies only its idempotent part (last seen).
struct ObservationDeduplicator: Sendable {
    struct Key: Hashable, Sendable {
        var device: UInt16
        var capturedMS: Int64
    }

    enum Verdict: Equatable {
        case new
        case duplicate
        case late
    }

    let windowMS: Int64
    private var seen: Set<Key> = []
    private(set) var newestMS: Int64 = .min
    private var insertionsSincePrune = 0

    init(windowMS: Int64) {
        self.windowMS = windowMS
    }

    var count: Int { seen.count }

    mutating func check(device: UInt16, capturedMS: Int64) -> Verdict {
        if newestMS != .min, capturedMS < newestMS - windowMS { return .late }
        guard seen.insert(Key(device: device, capturedMS: capturedMS)).inserted else { return .duplicate }
        newestMS = max(newestMS, capturedMS)
        insertionsSincePrune += 1
        // Pruning costs the set's size, so it runs once the set may have doubled since the last prune.
        if insertionsSincePrune > max(1024, seen.count / 2) {
            let horizon = newestMS - windowMS
            seen = seen.filter { $0.capturedMS >= horizon }
            insertionsSincePrune = 0
        }
        return .new
    }
}
