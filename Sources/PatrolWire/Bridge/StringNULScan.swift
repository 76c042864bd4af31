import CPatrolProto

/// Finds string fields that carry a NUL byte in the raw frame.
///
/// protobuf-c hands strings over NUL-terminated and keeps no length, so `"drone-1\0x"` would silently arrive as
/// `"drone-1"`: the value validated would not be the value sent. This walks the frame with protobuf-c's own
/// descriptors (so it follows the .proto exactly) and rejects such a string by its path. It runs only on frames
/// protobuf-c has already unpacked, and still checks every bound itself.
enum StringNULScan {
    static func check(_ frame: UnsafeRawBufferPointer,
                      descriptor: UnsafePointer<ProtobufCMessageDescriptor>) throws(WireError) {
        var reader = Reader(bytes: frame)
        try scan(&reader, end: frame.count, descriptor: descriptor, path: .root, depth: 0)
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 7) {
                guard offset < bytes.count else { return nil }
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << UInt64(shift)
                if byte < 0x80 { return value }
            }
            return nil
        }
    }

    /// Scans one message body from `reader.offset` to `end`. Anything it cannot follow (unknown groups) ends
    /// the scan of that message quietly: protobuf-c accepted the frame, and strings it cannot locate are not
    /// fields of ours.
    private static func scan(_ reader: inout Reader, end: Int, descriptor: UnsafePointer<ProtobufCMessageDescriptor>,
                             path: FieldPath, depth: Int) throws(WireError) {
        // The schema nests at most five deep; a frame claiming more is not one of ours.
        guard depth < 16 else { return }
        var occurrences: [UInt32: Int] = [:]
        while reader.offset < end {
            guard let key = reader.varint(), reader.offset <= end else { return }
            let number = UInt32(truncatingIfNeeded: key >> 3)
            switch key & 7 {
            case 0:
                guard reader.varint() != nil else { return }
            case 1:
                reader.offset += 8
            case 5:
                reader.offset += 4
            case 2:
                guard let length = reader.varint(), reader.offset <= end,
                      length <= UInt64(end - reader.offset) else { return }
                let start = reader.offset
                let stop = start + Int(length)
                if let field = field(number, in: descriptor) {
                    let index = occurrences[number, default: 0]
                    occurrences[number] = index + 1
                    try checkField(field.pointee, &reader, start: start, stop: stop, path: path, index: index,
                                   depth: depth)
                }
                reader.offset = stop
            default:
                return
            }
        }
    }

    private static func checkField(_ field: ProtobufCFieldDescriptor, _ reader: inout Reader, start: Int, stop: Int,
                                   path: FieldPath, index: Int, depth: Int) throws(WireError) {
        let name = field.name.map { String(cString: $0) } ?? "field_\(field.id)"
        let fieldPath = field.label == PROTOBUF_C_LABEL_REPEATED ? path.child(name).index(index) : path.child(name)
        switch field.type {
        case PROTOBUF_C_TYPE_STRING:
            for offset in start..<stop where reader.bytes[offset] == 0 {
                throw WireError(.invalidString, field: fieldPath.text,
                                "contains NUL at byte \(offset - start); strings may not carry NUL")
            }
        case PROTOBUF_C_TYPE_MESSAGE:
            guard let nested = field.descriptor?.assumingMemoryBound(to: ProtobufCMessageDescriptor.self) else {
                return
            }
            reader.offset = start
            try scan(&reader, end: stop, descriptor: nested, path: fieldPath, depth: depth + 1)
        default:
            return
        }
    }

    private static func field(_ number: UInt32, in descriptor: UnsafePointer<ProtobufCMessageDescriptor>)
        -> UnsafePointer<ProtobufCFieldDescriptor>? {
        let message = descriptor.pointee
        guard let fields = message.fields else { return nil }
        for index in 0..<Int(message.n_fields) where fields[index].id == number {
            return fields + index
        }
        return nil
    }
}
