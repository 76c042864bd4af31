/// Targets grouped by what sees them: two targets seen from exactly the same viewpoints, with the same
/// revisit target, have the same sightings under every plan, so evaluation works out their idleness once.
///
/// Built by partition refinement (one pass over every viewpoint's targets, exact, no hashing): start
/// with one class per revisit target, and let each viewpoint split every class it sees part of.
/// On the bundled missions there are about four times fewer classes than targets.
struct TargetClasses: Sendable {
    /// Each target's class.
    let classOfTarget: [Int32]
    /// Each class's revisit target, seconds.
    let goalsS: [Double]
    /// Per viewpoint, the classes it sees (each once), `viewpointStart[v]..<viewpointStart[v + 1]` of
    /// `viewpointClasses`.
    let viewpointStart: [Int]
    let viewpointClasses: [Int32]

    var count: Int { goalsS.count }
    var viewpointCount: Int { viewpointStart.count - 1 }

    /// - Parameters:
    ///   - viewpoints: every viewpoint a plan can visit, in the plan's order.
    ///   - revisitTargetsS: each target's revisit target.
    init(viewpoints: [Viewpoint], revisitTargetsS: [Double]) {
        let targetCount = revisitTargetsS.count
        var classOf = [Int](repeating: 0, count: targetCount)
        var goals: [Double] = []
        var classOfGoal: [Double: Int] = [:]
        for target in 0..<targetCount {
            let goalS = revisitTargetsS[target]
            if let known = classOfGoal[goalS] {
                classOf[target] = known
            } else {
                classOfGoal[goalS] = goals.count
                classOf[target] = goals.count
                goals.append(goalS)
            }
        }
        // The part of a class a viewpoint sees moves to a new class (the rest keeps the old one).
        var stamp = [Int](repeating: -1, count: goals.count)
        var splitTo = [Int](repeating: 0, count: goals.count)
        for (index, viewpoint) in viewpoints.enumerated() {
            for target in viewpoint.targets where target >= 0 && target < targetCount {
                let old = classOf[target]
                if stamp[old] != index {
                    stamp[old] = index
                    splitTo[old] = goals.count
                    goals.append(goals[old])
                    stamp.append(-1)
                    splitTo.append(0)
                }
                classOf[target] = splitTo[old]
            }
        }
        // Dense numbering in order of first member, dropping the classes emptied by splits.
        var number = [Int32](repeating: -1, count: goals.count)
        var denseGoals: [Double] = []
        var dense = [Int32](repeating: 0, count: targetCount)
        for target in 0..<targetCount {
            let raw = classOf[target]
            if number[raw] < 0 {
                number[raw] = Int32(denseGoals.count)
                denseGoals.append(goals[raw])
            }
            dense[target] = number[raw]
        }
        var seenBy = [Int](repeating: -1, count: denseGoals.count)
        var start = [0]
        var classes: [Int32] = []
        for (index, viewpoint) in viewpoints.enumerated() {
            for target in viewpoint.targets where target >= 0 && target < targetCount {
                let denseClass = dense[target]
                if seenBy[Int(denseClass)] != index {
                    seenBy[Int(denseClass)] = index
                    classes.append(denseClass)
                }
            }
            start.append(classes.count)
        }
        classOfTarget = dense
        goalsS = denseGoals
        viewpointStart = start
        viewpointClasses = classes
    }
}
