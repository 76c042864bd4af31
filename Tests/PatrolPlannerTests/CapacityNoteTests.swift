import PatrolCore
@testable import PatrolPlanner
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

@Suite struct SustainedNoteTests {
    /// A drone on a short loop never charges within its cycle: the plan says how much of the fleet patrols
    /// once charging is counted, instead of letting its figures stand for a whole shift.
    @Test func loopsWithoutChargingStopsAreCountedAsAwayPartOfTheTime() throws {
        let mission = SmallSites.square(fleet: [SmallSites.drone("d1"), SmallSites.robot("r1", dock: "dock-b")])
        let plan = Planner(mission: mission, options: SmallSites.quickOptions).plan()
        let note = try #require(plan.notes.first { $0.hasPrefix("sustained:") })
        // Both loops are far shorter than their batteries: with 0.5 s of charging per s, each is away a third
        // of the time, so 2 - 2/3 = 1.3 devices patrol on average.
        #expect(note.contains("2 of 2 loops"))
        #expect(note.contains("about 1.3 of 2 devices"))
    }

    /// A loop that already holds its charging stops needs no such note.
    @Test func loopsWithChargingStopsNeedNoNote() throws {
        let waypoint = PlannedWaypoint(position: Point3(x: 0, y: 0, z: 0), arrivalS: 0, purpose: .dock)
        let patrol = PlannedWaypoint(position: Point3(x: 10, y: 0, z: 0), arrivalS: 5, purpose: .patrol)
        let route = PlannedRoute(deviceID: "r1", kind: .robot, waypoints: [waypoint, patrol], cycleS: 10,
                                 startOffsetS: 0)
        #expect(GridModel.sustainedNote([route], reserveFraction: 0.2, chargeSecondsPerSecond: 0.5) == nil)
        let noDock = PlannedRoute(deviceID: "r2", kind: .robot, waypoints: [patrol], cycleS: 10, startOffsetS: 0)
        #expect(GridModel.sustainedNote([route, noDock], reserveFraction: 0.2, chargeSecondsPerSecond: 0.5)?
            .contains("1 of 2 loops") == true)
    }
}
