// libFuzzer entry point for PatrolWire decoding. The first input byte picks the message type, the rest is the
// frame. A frame must either throw WireError or decode to a message that validates and survives a round trip;
// anything else (a crash, an AddressSanitizer report, a failed precondition) is a finding.
import PatrolWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecode(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let frame = UnsafeBufferPointer(start: data + 1, count: count - 1)
    switch data[0] % 5 {
    case 0: check(DeviceMessage.self, frame)
    case 1: check(HubMessage.self, frame)
    case 2: check(OperatorRequest.self, frame)
    case 3: check(OperatorReply.self, frame)
    default: check(Event.self, frame)
    }
    return 0
}

private func check<M: WireMessage>(_ type: M.Type, _ frame: UnsafeBufferPointer<UInt8>) {
    guard let message = try? M(decoding: frame) else { return }
    do {
        try message.validate()
    } catch {
        fatalError("decoded \(M.self) fails validation: \(error)")
    }
    guard let again = try? M(decoding: message.encoded()), again == message else {
        fatalError("decoded \(M.self) does not survive a round trip: \(message)")
    }
}
