/// A Swift message type with a protobuf-c counterpart: built from an unpacked C message (structure only:
/// presence, enums, UTF-8, counts; value ranges are `validate`'s job) and turned into one for packing.
protocol CBridged {
    associatedtype CMessage

    /// Copies an unpacked C message into Swift values.
    /// - Throws: `WireError` for an unknown enum value, a missing required sub-message, invalid UTF-8 or a
    ///   repeated field over its limit.
    init(c message: UnsafePointer<CMessage>, at path: FieldPath) throws(WireError)

    /// Builds the C message in `arena`, which owns everything the result points to.
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<CMessage>
}

/// Reading fields out of protobuf-c's unpacked structs, trusting only what protobuf-c guarantees:
/// strings are NUL-terminated (not that they are UTF-8), `n_*` counts match their arrays.
enum CRead {
    static func string(_ pointer: UnsafePointer<CChar>?,
                       _ path: @autoclosure () -> FieldPath) throws(WireError) -> String {
        guard let pointer else { return "" }
        guard let text = String(validatingCString: pointer) else {
            throw WireError(.invalidString, field: path().text, "not valid UTF-8")
        }
        return text
    }

    static func bool(_ value: Int32) -> Bool {
        value != 0
    }

    /// A sub-message that must be present.
    static func required<T: CBridged>(_ pointer: UnsafePointer<T.CMessage>?, _: T.Type,
                                      at path: FieldPath) throws(WireError) -> T {
        guard let pointer else { throw WireError(.missingField, field: path.text, "absent; required") }
        return try T(c: pointer, at: path)
    }

    /// A sub-message that may be absent.
    static func optional<T: CBridged>(_ pointer: UnsafePointer<T.CMessage>?, _: T.Type,
                                      at path: FieldPath) throws(WireError) -> T? {
        guard let pointer else { return nil }
        return try T(c: pointer, at: path)
    }

    /// A repeated message field; the count limit is checked before any element is copied.
    static func list<T: CBridged>(_ count: Int, _ items: UnsafePointer<UnsafeMutablePointer<T.CMessage>?>?,
                                  _: T.Type, max: Int, at path: FieldPath) throws(WireError) -> [T] {
        try Check.count(count, max: max, path)
        guard count > 0, let items else { return [] }
        var result: [T] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let item = items[index] else {
                throw WireError(.undecodable, field: path.index(index).text, "null element")
            }
            result.append(try T(c: item, at: path.index(index)))
        }
        return result
    }

    /// A repeated scalar field; the count limit is checked before copying.
    static func scalars<T>(_ count: Int, _ items: UnsafePointer<T>?, max: Int,
                           at path: @autoclosure () -> FieldPath) throws(WireError) -> [T] {
        try Check.count(count, max: max, path())
        guard count > 0, let items else { return [] }
        return Array(UnsafeBufferPointer(start: items, count: count))
    }
}

extension Bool {
    /// protobuf-c's `protobuf_c_boolean`.
    var cBool: Int32 { self ? 1 : 0 }
}
