import CPatrolProto

/// A top-level message type: one frame on the wire, packed and unpacked by its generated protobuf-c functions.
protocol CTopLevel: CBridged, Validating {
    static func cUnpack(_ length: Int, _ data: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>?
    static func cFree(_ message: UnsafeMutablePointer<CMessage>)
    static func cPackedSize(_ message: UnsafePointer<CMessage>) -> Int
    static func cPack(_ message: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int
}

/// The one gateway between Swift values and protobuf-c bytes (STYLE.md rule 7).
enum WireCodec {
    /// Unpacks with protobuf-c's default allocator, copies into Swift values, always frees the C message,
    /// then validates the copy.
    static func decode<T: CTopLevel>(_ bytes: UnsafeRawBufferPointer, as _: T.Type) throws(WireError) -> T {
        guard bytes.count <= WireLimits.maxFrameBytes else {
            throw WireError(.tooLarge, field: "", "frame of \(bytes.count) bytes; expected at most " +
                            "\(WireLimits.maxFrameBytes)")
        }
        // protobuf-c reads no byte of an empty buffer, but it wants a non-null pointer.
        var empty: UInt8 = 0
        let unpacked: UnsafeMutablePointer<T.CMessage>? = withUnsafePointer(to: &empty) { emptyPointer in
            let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
            return T.cUnpack(bytes.count, data)
        }
        guard let unpacked else {
            throw WireError(.undecodable, field: "",
                            "\(bytes.count) bytes are not a valid \(T.self) (truncated, corrupt or wrong type)")
        }
        defer { T.cFree(unpacked) }
        // Every top-level C message starts with its ProtobufCMessage base, which points at its descriptor.
        let descriptor = UnsafeRawPointer(unpacked).load(as: ProtobufCMessage.self).descriptor
        if let descriptor {
            try StringNULScan.check(bytes, descriptor: descriptor)
        }
        let value = try T(c: unpacked, at: .root)
        try value.validate(at: .root)
        return value
    }

    /// Packs `value`; every C allocation lives in an arena freed on return.
    static func encode<T: CTopLevel>(_ value: T) -> [UInt8] {
        let arena = CArena()
        return withExtendedLifetime(arena) {
            let message = value.cMessage(in: arena)
            let size = T.cPackedSize(message)
            guard size > 0 else { return [] }
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = T.cPack(message, buffer.baseAddress!)
                precondition(count == size, "protobuf-c packed \(count) bytes of a \(size)-byte \(T.self)")
            }
        }
    }

    static func decode<T: CTopLevel, Bytes: Collection<UInt8>>(_ bytes: Bytes,
                                                               as type: T.Type) throws(WireError) -> T {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(WireError) -> T in try decode(UnsafeRawBufferPointer(buffer), as: type) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        let copied = Array(bytes).withUnsafeBytes { raw in
            Result { () throws(WireError) -> T in try decode(raw, as: type) }
        }
        return try copied.get()
    }
}

/// A top-level protocol message: exactly one ZeroMQ frame (`DeviceMessage`, `HubMessage`, `OperatorRequest`,
/// `OperatorReply`, `Event`).
public protocol WireMessage: Hashable, Sendable {
    /// Decodes and validates one frame.
    /// - Parameter bytes: the frame, as produced by protobuf (any implementation).
    /// - Throws: `WireError` naming the field and reason when the bytes do not decode or a field is invalid;
    ///   nothing invalid is ever returned.
    init<Bytes: Collection<UInt8>>(decoding bytes: Bytes) throws(WireError)

    /// The protobuf encoding. Total: it encodes invalid values too; call `validate()` to self-check.
    func encoded() -> [UInt8]

    /// Checks every field against the rules decoding enforces.
    /// - Throws: `WireError` for the first invalid field.
    func validate() throws(WireError)
}

extension DeviceMessage: WireMessage, CTopLevel {
    public init<Bytes: Collection<UInt8>>(decoding bytes: Bytes) throws(WireError) {
        self = try WireCodec.decode(bytes, as: Self.self)
    }

    public func encoded() -> [UInt8] { WireCodec.encode(self) }

    public func validate() throws(WireError) { try validate(at: .root) }

    static func cUnpack(_ length: Int, _ data: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>? {
        patrol__v1__device_message__unpack(nil, length, data)
    }

    static func cFree(_ message: UnsafeMutablePointer<CMessage>) {
        patrol__v1__device_message__free_unpacked(message, nil)
    }

    static func cPackedSize(_ message: UnsafePointer<CMessage>) -> Int {
        patrol__v1__device_message__get_packed_size(message)
    }

    static func cPack(_ message: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        patrol__v1__device_message__pack(message, out)
    }
}

extension HubMessage: WireMessage, CTopLevel {
    public init<Bytes: Collection<UInt8>>(decoding bytes: Bytes) throws(WireError) {
        self = try WireCodec.decode(bytes, as: Self.self)
    }

    public func encoded() -> [UInt8] { WireCodec.encode(self) }

    public func validate() throws(WireError) { try validate(at: .root) }

    static func cUnpack(_ length: Int, _ data: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>? {
        patrol__v1__hub_message__unpack(nil, length, data)
    }

    static func cFree(_ message: UnsafeMutablePointer<CMessage>) {
        patrol__v1__hub_message__free_unpacked(message, nil)
    }

    static func cPackedSize(_ message: UnsafePointer<CMessage>) -> Int {
        patrol__v1__hub_message__get_packed_size(message)
    }

    static func cPack(_ message: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        patrol__v1__hub_message__pack(message, out)
    }
}

extension OperatorRequest: WireMessage, CTopLevel {
    public init<Bytes: Collection<UInt8>>(decoding bytes: Bytes) throws(WireError) {
        self = try WireCodec.decode(bytes, as: Self.self)
    }

    public func encoded() -> [UInt8] { WireCodec.encode(self) }

    public func validate() throws(WireError) { try validate(at: .root) }

    static func cUnpack(_ length: Int, _ data: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>? {
        patrol__v1__operator_request__unpack(nil, length, data)
    }

    static func cFree(_ message: UnsafeMutablePointer<CMessage>) {
        patrol__v1__operator_request__free_unpacked(message, nil)
    }

    static func cPackedSize(_ message: UnsafePointer<CMessage>) -> Int {
        patrol__v1__operator_request__get_packed_size(message)
    }

    static func cPack(_ message: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        patrol__v1__operator_request__pack(message, out)
    }
}

extension OperatorReply: WireMessage, CTopLevel {
    public init<Bytes: Collection<UInt8>>(decoding bytes: Bytes) throws(WireError) {
        self = try WireCodec.decode(bytes, as: Self.self)
    }

    public func encoded() -> [UInt8] { WireCodec.encode(self) }

    public func validate() throws(WireError) { try validate(at: .root) }

    static func cUnpack(_ length: Int, _ data: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>? {
        patrol__v1__operator_reply__unpack(nil, length, data)
    }

    static func cFree(_ message: UnsafeMutablePointer<CMessage>) {
        patrol__v1__operator_reply__free_unpacked(message, nil)
    }

    static func cPackedSize(_ message: UnsafePointer<CMessage>) -> Int {
        patrol__v1__operator_reply__get_packed_size(message)
    }

    static func cPack(_ message: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        patrol__v1__operator_reply__pack(message, out)
    }
}

extension Event: WireMessage, CTopLevel {
    public init<Bytes: Collection<UInt8>>(decoding bytes: Bytes) throws(WireError) {
        self = try WireCodec.decode(bytes, as: Self.self)
    }

    public func encoded() -> [UInt8] { WireCodec.encode(self) }

    public func validate() throws(WireError) { try validate(at: .root) }

    static func cUnpack(_ length: Int, _ data: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>? {
        patrol__v1__event__unpack(nil, length, data)
    }

    static func cFree(_ message: UnsafeMutablePointer<CMessage>) {
        patrol__v1__event__free_unpacked(message, nil)
    }

    static func cPackedSize(_ message: UnsafePointer<CMessage>) -> Int {
        patrol__v1__event__get_packed_size(message)
    }

    static func cPack(_ message: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        patrol__v1__event__pack(message, out)
    }
}
