import PatrolCore

/// Square buckets (1.5 m, the neighbour cutoff) numbered row by row, and the agents sorted by bucket,
/// rebuilt once per crowd step by `CrowdAgents.sort()`.
///
/// The sort is a stable radix sort on the bucket number, so it costs O(pedestrians) however large the
/// site. There is no table of buckets (a large park has twenty times more buckets than pedestrians, and
/// such a table falls out of cache between crowd steps): the slots of a run of buckets are found in the
/// sorted bucket numbers, by binary search for queries and by cursors that only move forward in the
/// crowd step, which visits buckets in increasing order. Positions at the start of the step are kept by
/// slot, so the neighbour loop reads contiguous memory, and the same positions however agents move.
final class CrowdSpatialHash {
    static let bucketM = 1.5
    private static let radixBits = 11

    let width: Int
    let height: Int
    let originX: Double
    let originY: Double
    let capacity: Int
    /// Input of `sortKeys`: the bucket of the agent in each slot.
    let keys: FlatBuffer<Int32>
    /// Output of `sortKeys`: the old slot that goes to each new slot (sorted by bucket, stable).
    let order: FlatBuffer<Int32>
    /// Output of `sortKeys`: the bucket of each new slot.
    let sortedBucket: FlatBuffer<Int32>
    /// Agent positions (x, y) at the last rebuild, by slot.
    let sortedPosition: FlatBuffer<SIMD2<Double>>
    /// How many slots the last rebuild filled.
    private(set) var filled = 0
    private let scratchBucket: FlatBuffer<Int32>
    private let scratchOrder: FlatBuffer<Int32>
    private let histogram: FlatBuffer<Int32>
    private let passes: Int

    init(origin: Point2, sizeXM: Double, sizeYM: Double, capacity: Int) {
        width = max(1, Int((sizeXM / Self.bucketM).rounded(.up)))
        height = max(1, Int((sizeYM / Self.bucketM).rounded(.up)))
        originX = origin.x
        originY = origin.y
        self.capacity = capacity
        var bits = 1
        while 1 << bits < width * height { bits += 1 }
        passes = (bits + Self.radixBits - 1) / Self.radixBits
        keys = FlatBuffer(count: capacity, repeating: 0)
        order = FlatBuffer(count: capacity, repeating: 0)
        sortedBucket = FlatBuffer(count: capacity, repeating: 0)
        sortedPosition = FlatBuffer(count: capacity, repeating: .zero)
        scratchBucket = FlatBuffer(count: capacity, repeating: 0)
        scratchOrder = FlatBuffer(count: capacity, repeating: 0)
        histogram = FlatBuffer(count: 1 << Self.radixBits, repeating: 0)
    }

    /// A copy with its own buffers, for a crowd copied before it steps.
    init(copying other: CrowdSpatialHash) {
        width = other.width
        height = other.height
        originX = other.originX
        originY = other.originY
        capacity = other.capacity
        passes = other.passes
        filled = other.filled
        keys = FlatBuffer(copying: other.keys)
        order = FlatBuffer(copying: other.order)
        sortedBucket = FlatBuffer(copying: other.sortedBucket)
        sortedPosition = FlatBuffer(copying: other.sortedPosition)
        scratchBucket = FlatBuffer(copying: other.scratchBucket)
        scratchOrder = FlatBuffer(copying: other.scratchOrder)
        histogram = FlatBuffer(copying: other.histogram)
    }

    deinit {
        for buffer in [keys, order, sortedBucket, scratchBucket, scratchOrder, histogram] { buffer.free() }
        sortedPosition.free()
    }

    /// Bucket column of an x coordinate, clamped to the grid.
    @inline(__always)
    func column(_ x: Double) -> Int { min(width - 1, max(0, Int((x - originX) / Self.bucketM))) }

    /// Bucket row of a y coordinate, clamped to the grid.
    @inline(__always)
    func row(_ y: Double) -> Int { min(height - 1, max(0, Int((y - originY) / Self.bucketM))) }

    /// The bucket of a point, clamped to the grid.
    @inline(__always)
    func bucket(x: Double, y: Double) -> Int { row(y) * width + column(x) }

    /// The slots of the agents in buckets `columns` of `row` at the last rebuild.
    func slots(columns: ClosedRange<Int>, row: Int) -> Range<Int> {
        firstSlot(atLeast: row * width + columns.lowerBound)..<firstSlot(atLeast: row * width + columns.upperBound + 1)
    }

    /// The first slot whose bucket is `bucket` or higher (`filled` if none).
    func firstSlot(atLeast bucket: Int) -> Int {
        var low = 0, high = filled
        while low < high {
            let middle = (low + high) / 2
            if Int(sortedBucket[middle]) < bucket { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Sorts slots `0..<count` by `keys` into `order` and `sortedBucket`.
    func sortKeys(count: Int) {
        // Ping-pong between two pairs of buffers, chosen so that the last pass lands in `sortedBucket` and
        // `order`; the first pass reads `keys` and the identity order from the buffer it does not write.
        let lastIsFirst = passes % 2 == 1
        var sourceBucket = keys, sourceOrder = lastIsFirst ? scratchOrder : order
        for slot in 0..<count { sourceOrder[slot] = Int32(slot) }
        var target = lastIsFirst ? (sortedBucket, order) : (scratchBucket, scratchOrder)
        var spare = lastIsFirst ? (scratchBucket, scratchOrder) : (sortedBucket, order)
        let digits = 1 << Self.radixBits, mask = Int32(digits - 1)
        for pass in 0..<passes {
            let shift = Int32(pass * Self.radixBits)
            histogram.fill(0)
            for slot in 0..<count { histogram[Int((sourceBucket[slot] >> shift) & mask)] += 1 }
            var total: Int32 = 0
            for digit in 0..<digits {
                let amount = histogram[digit]
                histogram[digit] = total
                total += amount
            }
            for slot in 0..<count {
                let digit = Int((sourceBucket[slot] >> shift) & mask)
                let position = Int(histogram[digit])
                histogram[digit] = Int32(position + 1)
                target.0[position] = sourceBucket[slot]
                target.1[position] = sourceOrder[slot]
            }
            (sourceBucket, sourceOrder) = target
            swap(&target, &spare)
        }
        filled = count
    }
}
