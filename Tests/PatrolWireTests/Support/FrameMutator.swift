import PatrolCore

/// Seeded generators of hostile frames: truncated, bit-flipped and mutated copies of valid frames, and random
/// bytes. The same seed gives the same frames, so a failure replays exactly.
struct FrameMutator {
    enum Strategy: CaseIterable {
        case truncated, bitFlipped, random, mutated
    }

    private var random: SeededRandom
    private let corpus: [[UInt8]]

    /// - Parameters:
    ///   - seed: the generator's seed.
    ///   - corpus: valid frames to start from; must not be empty.
    init(seed: UInt64, corpus: [[UInt8]]) {
        precondition(!corpus.isEmpty, "a mutator needs valid frames")
        random = SeededRandom(seed: seed)
        self.corpus = corpus
    }

    mutating func frame(_ strategy: Strategy) -> [UInt8] {
        switch strategy {
        case .truncated:
            let valid = pick()
            return Array(valid.prefix(Int.random(in: 0..<valid.count, using: &random)))
        case .bitFlipped:
            var bytes = pick()
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            }
            return bytes
        case .random:
            return (0..<Int.random(in: 0...96, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case .mutated:
            var bytes = pick()
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                mutate(&bytes)
            }
            return bytes
        }
    }

    private mutating func pick() -> [UInt8] {
        corpus[Int.random(in: 0..<corpus.count, using: &random)]
    }

    /// One structural edit of the kinds that break protobuf framing in interesting ways: lengths and varints
    /// set to extremes, ranges deleted, duplicated or spliced in from another frame.
    private mutating func mutate(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else {
            bytes = pick()
            return
        }
        let index = Int.random(in: 0..<bytes.count, using: &random)
        let interesting: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x12, 0x3F]
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            bytes[index] = interesting[Int.random(in: 0..<interesting.count, using: &random)]
        case 1:
            let end = min(bytes.count, index + Int.random(in: 1...8, using: &random))
            bytes.removeSubrange(index..<end)
        case 2:
            let end = min(bytes.count, index + Int.random(in: 1...16, using: &random))
            bytes.insert(contentsOf: bytes[index..<end], at: index)
        case 3:
            let other = pick()
            let start = Int.random(in: 0..<other.count, using: &random)
            bytes.insert(contentsOf: other[start...], at: index)
        case 4:
            // A run of continuation bytes: an over-long varint or a huge length prefix.
            bytes.insert(contentsOf: repeatElement(UInt8(0xFF), count: Int.random(in: 1...10, using: &random)),
                         at: index)
        default:
            bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
        }
    }
}
