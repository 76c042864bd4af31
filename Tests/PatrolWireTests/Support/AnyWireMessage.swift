import PatrolWire

/// Any top-level message, so that one table can hold invalid messages of every type.
enum AnyWireMessage: Sendable {
    case device(DeviceMessage)
    case hub(HubMessage)
    case request(OperatorRequest)
    case reply(OperatorReply)
    case event(Event)

    func validate() throws(WireError) {
        switch self {
        case .device(let message): try message.validate()
        case .hub(let message): try message.validate()
        case .request(let message): try message.validate()
        case .reply(let message): try message.validate()
        case .event(let message): try message.validate()
        }
    }

    /// Encodes the message and decodes the bytes again with the matching type.
    func decodeOwnBytes() throws(WireError) {
        switch self {
        case .device(let message): _ = try DeviceMessage(decoding: message.encoded())
        case .hub(let message): _ = try HubMessage(decoding: message.encoded())
        case .request(let message): _ = try OperatorRequest(decoding: message.encoded())
        case .reply(let message): _ = try OperatorReply(decoding: message.encoded())
        case .event(let message): _ = try Event(decoding: message.encoded())
        }
    }
}
