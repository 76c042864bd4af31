/// `Array.withUnsafe*` are `rethrows`, which erases a typed error to `any Error`; these keep ``ZMQError``
/// typed by carrying it out of the closure in a `Result`.
extension Array {
    func withBytes<Value>(
        _ body: (UnsafeRawBufferPointer) throws(ZMQError) -> Value
    ) throws(ZMQError) -> Value {
        let result = withUnsafeBytes { bytes in
            Result { () throws(ZMQError) in try body(bytes) }
        }
        return try result.get()
    }

    mutating func withMutableBytes<Value>(
        _ body: (UnsafeMutableRawBufferPointer) throws(ZMQError) -> Value
    ) throws(ZMQError) -> Value {
        let result = withUnsafeMutableBytes { bytes in
            Result { () throws(ZMQError) in try body(bytes) }
        }
        return try result.get()
    }

    mutating func withMutableBuffer<Value>(
        _ body: (UnsafeMutableBufferPointer<Element>) throws(ZMQError) -> Value
    ) throws(ZMQError) -> Value {
        let result = withUnsafeMutableBufferPointer { buffer in
            Result { () throws(ZMQError) in try body(buffer) }
        }
        return try result.get()
    }
}
