import PatrolCore
import Synchronization

/// What plans and replans of one model compute again and again with the same inputs: the tour split into
/// improved per-device loops (a tour search per loop), the paths of legs (A* for robots) and robots' ways
/// home to their docks. All are pure functions of the model and their key, so serving them from here
/// changes no result; it keeps replans (the hub runs one whenever the fleet changes) from redoing them.
///
/// Shared by copies of the model; the lock makes it safe to plan from several threads.
final class PlanningCache: Sendable {
    struct ChunkKey: Hashable {
        var kind: DeviceKind
        var parts: Int
        var seed: UInt64
        /// Hot viewpoints and their visits per cycle: the split weighs their repeats (empty: none).
        var hot: [Int] = []
        var copies = 1
    }

    /// A leg between two points for one kind.
    struct LegKey: Hashable {
        var kind: DeviceKind
        var from: Point2
        var to: Point2
    }

    /// Legs kept at most; the cache starts over past it (routes only ever use a few thousand).
    static let legLimit = 200_000

    private let chunks = Mutex<[ChunkKey: [[Int]]]>([:])
    /// Loops that took a second visitor's stops (cross patrol), improved again: keyed by the loop and seed.
    private let improvedLoops = Mutex<[ImprovedKey: [Int]]>([:])

    struct ImprovedKey: Hashable {
        var loop: [Int]
        var seed: UInt64
    }
    /// Cross patrol: loops, the viewpoints each must share with a second loop, and the seed of the searches.
    struct SharedKey: Hashable {
        var loops: [[Int]]
        var shared: [Int]
        var seed: UInt64
    }
    private let sharedLoops = Mutex<[SharedKey: (loops: [[Int]], seconds: [Set<Int>])]>([:])
    /// Cross patrol: a kind's sentry loops round the highest-weight cells (`GridModel.sentryLoops`).
    struct SentryKey: Hashable {
        var kind: DeviceKind
        var parts: Int
        var seed: UInt64
    }
    private let sentryLoops = Mutex<[SentryKey: [[Int]]]>([:])
    private let legs = Mutex<[LegKey: [Point2]]>([:])
    private let homeLengths = Mutex<[LegKey: Double]>([:])

    /// The cached value for `key`, or `make()` (computed outside the lock) stored and returned.
    func chunks(_ key: ChunkKey, _ make: () -> [[Int]]) -> [[Int]] {
        if let known = chunks.withLock({ $0[key] }) { return known }
        let made = make()
        chunks.withLock { $0[key] = made }
        return made
    }

    /// The improved loop for `key`, or `make()` stored and returned (at most `legLimit` kept).
    func improvedLoop(_ key: ImprovedKey, _ make: () -> [Int]) -> [Int] {
        if let known = improvedLoops.withLock({ $0[key] }) { return known }
        let made = make()
        improvedLoops.withLock { cache in
            if cache.count >= Self.legLimit { cache.removeAll() }
            cache[key] = made
        }
        return made
    }

    /// The loops with their shared viewpoints inserted and searched again, and per loop the viewpoints it
    /// took as the second, for `key`; `make()` stored and returned when not known (at most 64 kept: one per
    /// fleet size and kind is what replans ask for).
    func sharedLoops(_ key: SharedKey, _ make: () -> ([[Int]], [Set<Int>])) -> ([[Int]], [Set<Int>]) {
        if let known = sharedLoops.withLock({ $0[key] }) { return (known.loops, known.seconds) }
        let made = make()
        sharedLoops.withLock { cache in
            if cache.count >= 64 { cache.removeAll() }
            cache[key] = (made.0, made.1)
        }
        return made
    }

    /// The sentry loops for `key`, or `make()` stored and returned (a few per kind and seed).
    func sentryLoops(_ key: SentryKey, _ make: () -> [[Int]]) -> [[Int]] {
        if let known = sentryLoops.withLock({ $0[key] }) { return known }
        let made = make()
        sentryLoops.withLock { $0[key] = made }
        return made
    }

    /// A way home's length, metres, when known.
    func homeLength(_ key: LegKey) -> Double? {
        homeLengths.withLock { $0[key] }
    }

    func storeHomeLength(_ key: LegKey, _ lengthM: Double) {
        homeLengths.withLock { cache in
            if cache.count >= Self.legLimit { cache.removeAll() }
            cache[key] = lengthM
        }
    }

    /// The path of a leg, `find()` when not known yet (nil from it is stored as an empty path).
    func leg(_ key: LegKey, _ find: () -> [Point2]?) -> [Point2] {
        if let known = legs.withLock({ $0[key] }) { return known }
        let found = find() ?? []
        legs.withLock { cache in
            if cache.count >= Self.legLimit { cache.removeAll() }
            cache[key] = found
        }
        return found
    }
}
