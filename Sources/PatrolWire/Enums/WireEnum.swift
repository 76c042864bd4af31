import PatrolCore

/// A Swift mirror of a proto enum. UNSPECIFIED (0) has no case: decoding rejects it like an unknown value.
public protocol WireEnum: CaseIterable, Hashable, Sendable {
    /// The proto enum number of this case.
    var wireValue: UInt32 { get }
    /// The proto enum's name, for error messages (`DeviceState`).
    static var protoName: String { get }
}

extension WireEnum {
    /// The case with proto enum number `wireValue`, or nil for UNSPECIFIED and unknown numbers.
    public init?(wireValue: UInt32) {
        guard let match = Self.allCases.first(where: { $0.wireValue == wireValue }) else { return nil }
        self = match
    }

    /// Converts a protobuf-c enum field, naming the field when the value is UNSPECIFIED or unknown.
    static func decode<C: RawRepresentable>(_ value: C, at path: @autoclosure () -> FieldPath) throws(WireError) -> Self
    where C.RawValue == UInt32 {
        guard let known = Self(wireValue: value.rawValue) else {
            let number = Int32(bitPattern: value.rawValue)
            let what = number == 0 ? "\(protoName) UNSPECIFIED (0) is not allowed" : "\(number) is not a \(protoName)"
            throw WireError(.unknownEnum, field: path().text, what)
        }
        return known
    }

    /// The protobuf-c value of this case.
    func cValue<C: RawRepresentable>() -> C where C.RawValue == UInt32 {
        // Every C enum type accepts any raw value; the imported initializer never fails.
        C(rawValue: wireValue)!
    }
}

extension DeviceKind: WireEnum {
    /// `DEVICE_KIND_DRONE = 1`, `DEVICE_KIND_ROBOT = 2`.
    public var wireValue: UInt32 {
        switch self {
        case .drone: 1
        case .robot: 2
        }
    }

    public static var protoName: String { "DeviceKind" }
}
