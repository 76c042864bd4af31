import PatrolWire
import Testing

/// Every message type survives encode -> protobuf-c bytes -> decode unchanged, and re-encodes to the same bytes.
struct RoundTripTests {
    @Test(arguments: WireSamples.deviceMessages)
    func deviceMessageRoundTrips(_ message: DeviceMessage) throws {
        try expectRoundTrip(message)
    }

    @Test(arguments: WireSamples.hubMessages)
    func hubMessageRoundTrips(_ message: HubMessage) throws {
        try expectRoundTrip(message)
    }

    @Test(arguments: WireSamples.operatorRequests)
    func operatorRequestRoundTrips(_ message: OperatorRequest) throws {
        try expectRoundTrip(message)
    }

    @Test(arguments: WireSamples.operatorReplies)
    func operatorReplyRoundTrips(_ message: OperatorReply) throws {
        try expectRoundTrip(message)
    }

    @Test(arguments: WireSamples.events)
    func eventRoundTrips(_ message: Event) throws {
        try expectRoundTrip(message)
    }

    @Test func samplesCoverEveryBodyCase() {
        #expect(Set(WireSamples.deviceMessages.map { caseName($0.body) }).count == 7)
        #expect(Set(WireSamples.hubMessages.map { caseName($0.body) }).count == 5)
        #expect(Set(WireSamples.operatorRequests.map { caseName($0.body) }).count == 13)
        #expect(Set(WireSamples.operatorReplies.map { caseName($0.body) }).count == 10)
        #expect(Set(WireSamples.events.map { caseName($0.body) }).count == 4)
    }

    @Test func absentOptionalFieldsStayAbsent() throws {
        let command = HubMessage(seq: 9, body: .command(Command(kind: .hold)))
        try expectRoundTrip(command)
        let observation = DeviceMessage(seq: 1, sentMS: 5, body: .observation(Observation(
            capturedMS: 4, cameraPosition: .zero, headingDeg: 0, pitchDeg: 0, fovDeg: 90, rangeM: 10)))
        try expectRoundTrip(observation)
        let status = OperatorReply(requestID: 1, body: .status(StatusReply(siteID: "s", hubTimeMS: 0, uptimeS: 0)))
        try expectRoundTrip(status)
        guard case .status(let decoded) = try OperatorReply(decoding: status.encoded()).body else {
            Issue.record("status reply decoded to another body")
            return
        }
        #expect(decoded.metrics == nil)
    }

    @Test func decodingAcceptsAnyContiguousOrNonContiguousCollection() throws {
        let message = WireSamples.deviceMessages[2]
        let bytes = message.encoded()
        #expect(try DeviceMessage(decoding: bytes[...]) == message)
        #expect(try DeviceMessage(decoding: bytes.reversed().reversed()) == message)
    }

    private func expectRoundTrip<M: WireMessage>(_ message: M) throws {
        try message.validate()
        let bytes = message.encoded()
        #expect(!bytes.isEmpty)
        let decoded = try M(decoding: bytes)
        #expect(decoded == message)
        #expect(decoded.encoded() == bytes)
    }

    private func caseName(_ body: some Any) -> String {
        Mirror(reflecting: body).children.first?.label ?? String(describing: body)
    }
}
