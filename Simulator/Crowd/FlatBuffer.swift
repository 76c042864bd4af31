/// A fixed-size buffer of plain values, read and written without bounds checks, reference counting or
/// exclusivity checks: the storage of the crowd's inner loops.
///
/// It does not own its memory: the class that creates one frees it in its `deinit` (`CrowdTerrain`,
/// `CrowdAgents`, `CrowdSpatialHash`), so copying the struct only copies the pointer.
struct FlatBuffer<Element: BitwiseCopyable> {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    /// Allocates `count` elements set to `value` (room for at least one, so an empty crowd has valid pointers).
    init(count: Int, repeating value: Element) {
        self.count = count
        base = Self.allocate(count)
        base.initialize(repeating: value, count: count)
    }

    /// Allocates a copy of `values`.
    init(_ values: [Element]) {
        count = values.count
        base = Self.allocate(count)
        values.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { base.initialize(from: address, count: values.count) }
        }
    }

    /// Allocates a copy of another buffer.
    init(copying other: FlatBuffer<Element>) {
        count = other.count
        base = Self.allocate(count)
        base.initialize(from: other.base, count: count)
    }

    /// Cache-line aligned, so that a 64-byte element is one line.
    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Element> {
        let bytes = max(1, count) * MemoryLayout<Element>.stride
        let alignment = max(64, MemoryLayout<Element>.alignment)
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: alignment)
            .bindMemory(to: Element.self, capacity: max(1, count))
    }

    /// Element `index`, addressed in place (`buffer[i].field = value` writes one field).
    @inline(__always)
    subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(base + index) }
        nonmutating unsafeMutableAddress { base + index }
    }

    /// Sets every element to `value`.
    func fill(_ value: Element) { base.update(repeating: value, count: count) }

    /// Frees the memory; called once, by the owner's `deinit`.
    func free() { UnsafeMutableRawPointer(base).deallocate() }
}
