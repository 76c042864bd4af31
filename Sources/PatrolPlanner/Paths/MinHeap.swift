/// A binary min-heap of (key, value) pairs, for Dijkstra, A* and lazy greedy choices.
///
/// Pairs are stored side by side and sifted by moving a hole rather than by swaps: the same comparisons
/// and the same arrangement as the textbook swapping heap (so searches settle ties in the same order), with
/// half the memory traffic.
struct MinHeap {
    private struct Entry {
        var key: Double
        var value: Int
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    /// The smallest key, nil when empty.
    var minKey: Double? { entries.first?.key }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Double, _ value: Int) {
        entries.append(Entry(key: key, value: value))
        entries.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if heap[parent].key <= key { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = Entry(key: key, value: value)
        }
    }

    mutating func pop() -> (key: Double, value: Int)? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries.withUnsafeMutableBufferPointer { heap in
                let count = heap.count
                var hole = 0
                while true {
                    let left = 2 * hole + 1
                    guard left < count else { break }
                    let right = left + 1
                    let child = right < count && heap[right].key < heap[left].key ? right : left
                    guard heap[child].key < last.key else { break }
                    heap[hole] = heap[child]
                    hole = child
                }
                heap[hole] = last
            }
        }
        return (top.key, top.value)
    }
}
