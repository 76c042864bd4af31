import CZeroMQ

/// Z85, ZeroMQ's printable encoding of binary data (RFC 32): 4 bytes become 5 characters. CURVE keys are
/// 32 bytes, i.e. 40 Z85 characters.
public enum Z85 {
    /// Encodes bytes as Z85.
    /// - Parameter bytes: The data; its length must be a multiple of 4.
    /// - Returns: The Z85 text, 5 characters per 4 bytes.
    /// - Throws: ``ZMQError`` (`EINVAL`) naming the length when it is not a multiple of 4.
    public static func encode(_ bytes: [UInt8]) throws(ZMQError) -> String {
        guard bytes.count % 4 == 0 else {
            throw ZMQError(code: .invalidArgument, operation: "zmq_z85_encode",
                           detail: "expected a length that is a multiple of 4 bytes, got \(bytes.count) bytes")
        }
        var text = [CChar](repeating: 0, count: bytes.count / 4 * 5 + 1)
        _ = try text.withMutableBuffer { (buffer) throws(ZMQError) in
            try ZMQCall.pointer("zmq_z85_encode(\(bytes.count) bytes)") {
                bytes.withUnsafeBufferPointer { zmq_z85_encode(buffer.baseAddress, $0.baseAddress, $0.count) }
            }
        }
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes Z85 text.
    /// - Parameter text: Z85 characters; their number must be a multiple of 5.
    /// - Returns: The bytes, 4 per 5 characters.
    /// - Throws: ``ZMQError`` (`EINVAL`) saying what was expected when the length or a character is wrong.
    public static func decode(_ text: String) throws(ZMQError) -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count % 5 == 0 else {
            throw ZMQError(code: .invalidArgument, operation: "zmq_z85_decode",
                           detail: "expected a multiple of 5 Z85 characters, got \(characters.count)")
        }
        guard !characters.isEmpty else {
            return []
        }
        var bytes = [UInt8](repeating: 0, count: characters.count / 5 * 4)
        do {
            _ = try bytes.withMutableBuffer { (buffer) throws(ZMQError) in
                try ZMQCall.pointer("zmq_z85_decode") { zmq_z85_decode(buffer.baseAddress, text) }
            }
        } catch {
            throw ZMQError(code: error.code, operation: error.operation,
                           detail: "expected only characters of the Z85 alphabet encoding 32-bit groups, "
                               + "got \"\(text.prefix(60))\"")
        }
        return bytes
    }
}
