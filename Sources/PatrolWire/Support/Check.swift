/// The validation rules shared by every message. Each throws a `WireError` naming the field; the path is an
/// autoclosure so that the common, valid case builds no strings.
enum Check {
    static func finite(_ value: Double, _ path: @autoclosure () -> FieldPath) throws(WireError) {
        guard value.isFinite else {
            throw WireError(.notFinite, field: path().text, "\(value) is not a finite number")
        }
    }

    static func number(_ value: Double, _ bounds: Bounds, _ path: @autoclosure () -> FieldPath) throws(WireError) {
        try finite(value, path())
        guard bounds.contains(value) else {
            throw WireError(.outOfRange, field: path().text, "\(value) is outside \(bounds.text)")
        }
    }

    static func integer<T: BinaryInteger>(_ value: T, _ range: ClosedRange<T>,
                                          _ path: @autoclosure () -> FieldPath) throws(WireError) {
        guard range.contains(value) else {
            throw WireError(.outOfRange, field: path().text,
                            "\(value) is outside [\(range.lowerBound), \(range.upperBound)]")
        }
    }

    static func timestamp(_ milliseconds: Int64, _ path: @autoclosure () -> FieldPath) throws(WireError) {
        let range = WireLimits.timestampRangeMS
        guard range.contains(milliseconds) else {
            throw WireError(.outOfRange, field: path().text,
                            "\(milliseconds) ms is not a time between 1970 and 3000 " +
                            "([\(range.lowerBound), \(range.upperBound)] ms since the Unix epoch)")
        }
    }

    /// An id: `[A-Za-z0-9_.-]`, at most `maxBytes` bytes, non-empty unless `optional`.
    static func id(_ value: String, _ path: @autoclosure () -> FieldPath, optional: Bool = false,
                   maxBytes: Int = WireLimits.maxIDBytes) throws(WireError) {
        let bytes = value.utf8
        if bytes.isEmpty {
            guard optional else { throw WireError(.invalidID, field: path().text, "empty; expected an id") }
            return
        }
        guard bytes.count <= maxBytes else {
            throw WireError(.invalidID, field: path().text, "\(bytes.count) bytes; expected at most \(maxBytes)")
        }
        for byte in bytes where !isIDByte(byte) {
            throw WireError(.invalidID, field: path().text,
                            "\(quoted(value)) has byte 0x\(String(byte, radix: 16)); expected only [A-Za-z0-9_.-]")
        }
    }

    /// Free text: at most `maxBytes` bytes of UTF-8 without NUL, non-empty when `required`.
    static func text(_ value: String, _ path: @autoclosure () -> FieldPath, maxBytes: Int,
                     required: Bool = false) throws(WireError) {
        let bytes = value.utf8
        if required && bytes.isEmpty {
            throw WireError(.missingField, field: path().text, "empty; expected non-empty text")
        }
        guard bytes.count <= maxBytes else {
            throw WireError(.tooLarge, field: path().text, "\(bytes.count) bytes; expected at most \(maxBytes)")
        }
        guard !bytes.contains(0) else {
            throw WireError(.invalidString, field: path().text, "contains NUL; a protobuf-c string cannot carry it")
        }
    }

    /// A repeated field holds at most `max` elements.
    static func count(_ count: Int, max: Int, _ path: @autoclosure () -> FieldPath) throws(WireError) {
        guard count <= max else {
            throw WireError(.tooLarge, field: path().text, "\(count) elements; expected at most \(max)")
        }
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func quoted(_ value: String) -> String {
        let shown = value.utf8.count <= 80 ? value : String(value.prefix(80)) + "..."
        return "\"\(shown.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())\""
    }
}
