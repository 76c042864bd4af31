/// One pedestrian's state in one 64-byte cache line, read and written together once per step.
///
/// Position and velocity are `Double`s (they are integrated); the goal, speed and dwell time are `Float`s,
/// precise to a millimetre and a few milliseconds, which keeps the record to one line.
struct CrowdAgent {
    var x: Double
    var y: Double
    var velocityX = 0.0
    var velocityY = 0.0
    var goalX: Float = 0
    var goalY: Float = 0
    var desiredSpeedMPS: Float = 1.3
    var dwellUntilS: Float = 0
    /// Index of the destination walked to, -1 for none.
    var destination: Int32 = -1
    /// The hotspot destination a stayer belongs to, -1 for walkers.
    var home: Int32 = -1
    /// The site cell the agent stands in.
    var cell: Int32 = 0
    /// The pedestrian's number, 0..<count, fixed for the run (its slot changes as the crowd is re-sorted).
    var id: Int32
}

/// Every pedestrian's state, kept sorted by spatial-hash bucket, in buffers allocated once.
///
/// Each step re-sorts the agents themselves (not an index to them) by bucket, so the step's single pass
/// reads agents, their neighbours and the cells under them from nearby memory: with the agents in
/// creation order, a step spent most of its time waiting for cache misses. The sort is stable, and from
/// one step to the next few agents change bucket, so the gather reads memory almost in order.
///
/// A reference type so that the inner loop reads raw buffers; `PedestrianCrowd` keeps value semantics by
/// copying it (`init(copying:)`) before a step when a copy of the crowd still shares it.
final class CrowdAgents {
    let count: Int
    /// Agents by slot (bucket order since the last `sort()`).
    private(set) var slots: FlatBuffer<CrowdAgent>
    private var scratch: FlatBuffer<CrowdAgent>
    /// The slot of each agent id.
    let slotOf: FlatBuffer<Int32>
    /// Agents per site cell, kept up to date as they move.
    let perCell: FlatBuffer<UInt16>
    /// Slots of the agents that reached their goal during the current step, in slot order.
    let arrived: FlatBuffer<Int32>
    let hash: CrowdSpatialHash

    init(count: Int, cellCount: Int, hash: CrowdSpatialHash) {
        self.count = count
        slots = FlatBuffer(count: count, repeating: CrowdAgent(x: 0, y: 0, id: 0))
        for index in 0..<count { slots[index].id = Int32(index) }
        scratch = FlatBuffer(copying: slots)
        slotOf = FlatBuffer(count: count, repeating: 0)
        for index in 0..<count { slotOf[index] = Int32(index) }
        perCell = FlatBuffer(count: cellCount, repeating: 0)
        arrived = FlatBuffer(count: count, repeating: 0)
        self.hash = hash
    }

    init(copying other: CrowdAgents) {
        count = other.count
        slots = FlatBuffer(copying: other.slots)
        scratch = FlatBuffer(copying: other.scratch)
        slotOf = FlatBuffer(copying: other.slotOf)
        perCell = FlatBuffer(copying: other.perCell)
        arrived = FlatBuffer(copying: other.arrived)
        hash = CrowdSpatialHash(copying: other.hash)
    }

    deinit {
        slots.free()
        scratch.free()
        slotOf.free()
        perCell.free()
        arrived.free()
    }

    /// Re-sorts the agents by bucket and rebuilds the hash (bucket ranges, start-of-step positions).
    func sort() {
        let hash = hash, slots = slots, scratch = scratch, slotOf = slotOf
        for slot in 0..<count { hash.keys[slot] = Int32(hash.bucket(x: slots[slot].x, y: slots[slot].y)) }
        hash.sortKeys(count: count)
        let order = hash.order, sortedPosition = hash.sortedPosition
        for slot in 0..<count {
            let agent = slots[Int(order[slot])]
            scratch[slot] = agent
            sortedPosition[slot] = SIMD2(agent.x, agent.y)
            slotOf[Int(agent.id)] = Int32(slot)
        }
        swap(&self.slots, &self.scratch)
    }
}
