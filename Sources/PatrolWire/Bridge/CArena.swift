/// Owns the C memory of one message being packed: every protobuf-c struct, string and array built for it is
/// allocated here and freed together when the arena goes away, so packing cannot leak.
///
/// Used by one thread for the duration of one `encoded()` call; deliberately not `Sendable`.
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// A protobuf-c message struct, set to its defaults by its generated `__init` function.
    func message<C>(_ initialize: (UnsafeMutablePointer<C>) -> Void) -> UnsafeMutablePointer<C> {
        let pointer = UnsafeMutablePointer<C>.allocate(capacity: 1)
        allocations.append(UnsafeMutableRawPointer(pointer))
        initialize(pointer)
        return pointer
    }

    /// A NUL-terminated copy of `text`. protobuf-c stops at the first NUL, which is why validation rejects
    /// strings that contain one.
    func string(_ text: String) -> UnsafeMutablePointer<CChar> {
        let bytes = text.utf8CString
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        allocations.append(UnsafeMutableRawPointer(pointer))
        bytes.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: $0.count) }
        return pointer
    }

    /// A C array of `elements`, nil when empty (protobuf-c reads no element then).
    func array<T>(_ elements: [T]) -> UnsafeMutablePointer<T>? {
        guard !elements.isEmpty else { return nil }
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: elements.count)
        allocations.append(UnsafeMutableRawPointer(pointer))
        elements.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: $0.count) }
        return pointer
    }

    /// A C array of pointers to the messages built from `elements`, for a repeated message field.
    func messages<T: CBridged>(_ elements: [T]) -> UnsafeMutablePointer<UnsafeMutablePointer<T.CMessage>?>? {
        array(elements.map { Optional($0.cMessage(in: self)) })
    }

    deinit {
        for allocation in allocations {
            allocation.deallocate()
        }
    }
}
