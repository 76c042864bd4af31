import PatrolWire
import Testing

/// Frames that no Swift value can produce (written field by field with `ProtoWriter`) are rejected with the
/// field and reason, never accepted with a default.
struct DecodeErrorTests {
    /// DeviceMessage fields: seq = 1, sent_ms = 2, then `body` as field `bodyField`.
    private func deviceFrame(bodyField: Int, _ body: (inout ProtoWriter) -> Void) -> [UInt8] {
        var frame = ProtoWriter()
        frame.uint(1, 1)
        frame.uint(2, 2)
        frame.message(bodyField, body)
        return frame.bytes
    }

    private func expectError(_ bytes: [UInt8], field: String, reason: WireError.Reason,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let message = try DeviceMessage(decoding: bytes)
            Issue.record("decoded \(message)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.field == field, sourceLocation: sourceLocation)
            #expect(error.reason == reason, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func unknownEnumValueIsRejected() {
        expectError(deviceFrame(bodyField: 11) { $0.uint(1, 99) }, field: "heartbeat.state", reason: .unknownEnum)
    }

    @Test func negativeEnumValueIsRejected() {
        expectError(deviceFrame(bodyField: 11) { $0.uint(1, UInt64.max) }, field: "heartbeat.state",
                    reason: .unknownEnum)
    }

    @Test func unspecifiedEnumValueIsRejected() {
        // proto3 omits zero: an empty Heartbeat carries DEVICE_STATE_UNSPECIFIED.
        expectError(deviceFrame(bodyField: 11) { _ in }, field: "heartbeat.state", reason: .unknownEnum)
    }

    @Test func frameWithoutBodyIsRejected() {
        var frame = ProtoWriter()
        frame.uint(1, 1)
        expectError(frame.bytes, field: "body", reason: .missingBody)
        expectError([], field: "body", reason: .missingBody)
    }

    @Test func absentRequiredSubMessageIsRejected() {
        let telemetry = deviceFrame(bodyField: 12) {
            $0.double(3, 1.5)
            $0.uint(6, 2)
        }
        expectError(telemetry, field: "telemetry.position", reason: .missingField)
        let hello = deviceFrame(bodyField: 10) {
            $0.bytes(1, Array("drone-1".utf8))
            $0.uint(2, 1)
            $0.uint(3, 1)
            $0.message(4) { $0.double(1, 10) }
        }
        expectError(hello, field: "hello.capabilities.camera", reason: .missingField)
    }

    @Test func invalidUTF8IsRejected() {
        // protobuf-c 1.4 passes string bytes on unchecked; the Swift side refuses them.
        let bye = deviceFrame(bodyField: 16) { $0.bytes(1, [0x61, 0xFF, 0xFE]) }
        expectError(bye, field: "bye.reason", reason: .invalidString)
    }

    @Test func stringWithNULIsRejectedNotTruncated() {
        // protobuf-c would hand over "drone-1": the id validated would not be the id sent.
        let hello = deviceFrame(bodyField: 10) { $0.bytes(1, Array("drone-1\u{0}evil".utf8)) }
        expectError(hello, field: "hello.device_id", reason: .invalidString)
    }

    @Test func nulInsideARepeatedMessageIsRejectedWithItsIndex() {
        var frame = ProtoWriter()
        frame.uint(1, 7)
        frame.message(11) { status in
            status.bytes(1, Array("plaza".utf8))
            status.message(9) { $0.bytes(1, Array("ok".utf8)) }
            status.message(9) { $0.bytes(1, [0x61, 0x00]) }
        }
        do {
            _ = try OperatorReply(decoding: frame.bytes)
            Issue.record("decoded a counter name with NUL")
        } catch {
            #expect(error.field == "status.counters[1].name")
            #expect(error.reason == .invalidString)
        }
    }

    @Test func truncatedFrameIsUndecodable() {
        let bytes = WireSamples.deviceMessages[0].encoded()
        expectError(Array(bytes.dropLast()), field: "", reason: .undecodable)
        expectError([0x0A], field: "", reason: .undecodable)
    }

    @Test func wrongWireTypeIsUndecodable() {
        // Field 12 (telemetry) sent as a varint instead of a sub-message.
        var frame = ProtoWriter()
        frame.uint(12, 5)
        expectError(frame.bytes, field: "", reason: .undecodable)
    }

    @Test func oversizedFrameIsRejectedBeforeUnpacking() {
        let bytes = [UInt8](repeating: 0, count: WireLimits.maxFrameBytes + 1)
        expectError(bytes, field: "", reason: .tooLarge)
    }

    @Test func unknownFieldsAreIgnored() throws {
        // A newer peer may add fields; proto3 skips what it does not know.
        var frame = ProtoWriter()
        frame.uint(1, 1)
        frame.uint(2, 2)
        frame.message(11) { $0.uint(1, 2) }
        frame.bytes(99, Array("future".utf8))
        let message = try DeviceMessage(decoding: frame.bytes)
        #expect(message == DeviceMessage(seq: 1, sentMS: 2, body: .heartbeat(Heartbeat(state: .patrolling))))
    }

    @Test func tooManyElementsAreRejectedWhileCopying() {
        var frame = ProtoWriter()
        frame.uint(1, 1)
        frame.message(14) { ack in
            var packed = ProtoWriter()
            for _ in 0...WireLimits.maxAckSeqs { packed.varint(1) }
            ack.bytes(1, packed.bytes)
        }
        do {
            _ = try HubMessage(decoding: frame.bytes)
            Issue.record("decoded an Ack over its limit")
        } catch {
            #expect(error.field == "ack.seqs")
            #expect(error.reason == .tooLarge)
        }
    }
}
