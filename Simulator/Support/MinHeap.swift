/// A binary min-heap of (cell, priority) pairs; ties broken by cell index so searches are deterministic.
struct MinHeap {
    private var cells: [Int32] = []
    private var priorities: [Float] = []

    mutating func removeAll() {
        cells.removeAll(keepingCapacity: true)
        priorities.removeAll(keepingCapacity: true)
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        priorities[a] < priorities[b] || (priorities[a] == priorities[b] && cells[a] < cells[b])
    }

    mutating func push(cell: Int32, priority: Float) {
        cells.append(cell)
        priorities.append(priority)
        var child = cells.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            cells.swapAt(child, parent)
            priorities.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int32, Float)? {
        guard let top = cells.first else { return nil }
        let topPriority = priorities[0]
        let last = cells.count - 1
        cells.swapAt(0, last)
        priorities.swapAt(0, last)
        cells.removeLast()
        priorities.removeLast()
        var index = 0
        while true {
            let left = 2 * index + 1, right = left + 1
            var smallest = index
            if left < cells.count, less(left, smallest) { smallest = left }
            if right < cells.count, less(right, smallest) { smallest = right }
            if smallest == index { break }
            cells.swapAt(index, smallest)
            priorities.swapAt(index, smallest)
            index = smallest
        }
        return (top, topPriority)
    }
}
