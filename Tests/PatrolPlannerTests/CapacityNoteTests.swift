import PatrolCore
import PatrolPlanner
import Testing

@Suite struct CapacityNoteTests {
    /// One slow robot and a 20 s revisit target over the whole square: no allocation can do it, and the
    /// plan says so with the bound, besides listing the cells that miss.
    @Test func aFleetTooSmallForItsTargetsIsToldSo() throws {
        let mission = SmallSites.square(fleet: [SmallSites.robot("r1")], policy: Policy(revisitS: 20))
        let plan = Planner(mission: mission, options: SmallSites.quickOptions).plan()
        #expect(!plan.metrics.missedTargets.isEmpty)
        let note = try #require(plan.notes.first { $0.hasPrefix("capacity:") })
        #expect(note.contains("cannot meet the revisit targets"))
        #expect(note.contains("robot tour"))
    }

    /// The small square's targets are met: no capacity statement is needed.
    @Test func noCapacityNoteWhenEveryTargetIsMet() {
        let mission = SmallSites.square(fleet: [SmallSites.drone("d1"), SmallSites.robot("r1", dock: "dock-b")])
        let plan = Planner(mission: mission, options: SmallSites.quickOptions).plan()
        #expect(plan.metrics.missedTargets.isEmpty)
        #expect(!plan.notes.contains { $0.hasPrefix("capacity:") })
    }
}

@Suite struct CandidateBudgetTests {
    /// With a candidate budget far too small for the site, cells go unseen for want of candidates, and
    /// their reason says so rather than blaming no-fly zones or buildings alone.
    @Test func cellsLeftUnseenByTheCandidateBudgetSaySo() throws {
        let mission = SmallSites.square(fleet: [SmallSites.robot("r1")])
        let options = PlannerOptions(maxCandidates: 8, tourRestarts: 1, tourKicks: 50)
        let plan = Planner(mission: mission, options: options).plan()
        let unseen = try #require(plan.unreachable.first)
        #expect(unseen.reason.contains("PlannerOptions.maxCandidates"))
        // With the default budget the same site has no such cell.
        let full = Planner(mission: mission, options: SmallSites.quickOptions).plan()
        #expect(full.unreachable.isEmpty)
    }
}
