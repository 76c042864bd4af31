/// Durable acknowledgements for a group commit (`Ack`).
public struct Ack: Hashable, Sendable {
    /// Device sequence numbers now durable; each >= 1, at most `WireLimits.maxAckSeqs`.
    public var seqs: [UInt64]

    public init(seqs: [UInt64]) {
        self.seqs = seqs
    }
}

extension Ack: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.count(seqs.count, max: WireLimits.maxAckSeqs, path.child("seqs"))
        for (index, seq) in seqs.enumerated() {
            try Check.integer(seq, 1...UInt64.max, path.child("seqs").index(index))
        }
    }
}
