import PatrolWire
import Testing

/// Seeded fuzzing of decoding: hostile frames either decode to a message that passes `validate()` and
/// survives a round trip, or throw `WireError`; they never crash. 100,000 frames in all.
struct FuzzTests {
    static let framesPerType = 50_000

    @Test func hostileDeviceFramesNeverCrashOrPassInvalid() throws {
        let outcome = try fuzz(DeviceMessage.self, corpus: WireSamples.deviceMessages.map { $0.encoded() },
                               seed: 0x5EED_0001)
        expectMeaningful(outcome, reasons: [.undecodable, .missingBody, .unknownEnum, .outOfRange, .invalidID])
    }

    @Test func hostileOperatorFramesNeverCrashOrPassInvalid() throws {
        let outcome = try fuzz(OperatorRequest.self, corpus: WireSamples.operatorRequests.map { $0.encoded() },
                               seed: 0x5EED_0002)
        // Requests have no enum fields, so no unknown_enum here.
        expectMeaningful(outcome, reasons: [.undecodable, .missingBody, .outOfRange, .invalidID, .missingField])
    }

    struct Outcome {
        var accepted = 0
        var rejectedByReason: [WireError.Reason: Int] = [:]
        var rejected: Int { rejectedByReason.values.reduce(0, +) }
    }

    private func fuzz<M: WireMessage>(_ type: M.Type, corpus: [[UInt8]], seed: UInt64) throws -> Outcome {
        var mutator = FrameMutator(seed: seed, corpus: corpus)
        var outcome = Outcome()
        let strategies = FrameMutator.Strategy.allCases
        for index in 0..<Self.framesPerType {
            let frame = mutator.frame(strategies[index % strategies.count])
            do {
                let message = try M(decoding: frame)
                outcome.accepted += 1
                // Whatever decoding lets through must be valid and stable.
                try message.validate()
                let again = try M(decoding: message.encoded())
                #expect(again == message, "frame \(index) of seed \(seed) changes on a round trip: \(frame)")
            } catch {
                outcome.rejectedByReason[error.reason, default: 0] += 1
            }
        }
        return outcome
    }

    /// The run exercised both outcomes and several kinds of rejection, so it tested something.
    private func expectMeaningful(_ outcome: Outcome, reasons expected: Set<WireError.Reason>) {
        #expect(outcome.accepted + outcome.rejected == Self.framesPerType)
        #expect(outcome.accepted > 100, "\(outcome)")
        #expect(outcome.rejected > Self.framesPerType / 2, "\(outcome)")
        let reasons = Set(outcome.rejectedByReason.keys)
        #expect(reasons.isSuperset(of: expected), "\(reasons)")
    }
}
