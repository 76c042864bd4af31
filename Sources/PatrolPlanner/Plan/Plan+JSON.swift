import Foundation
import PatrolCore

extension Plan {
    /// plan.json (DESIGN.md section 6): `routes` (per device `device`, `kind`, `waypoints` [{`x`,`y`,`z`,`t`}],
    /// `cycle_s`) and `metrics` (`avg_idleness_s`, `worst_idleness_s`, `worst_ratio`, `coverage_fraction`,
    /// `plan_ms`), plus what a person or the hub needs besides: each waypoint's `purpose`, `heading_deg`
    /// and `dwell_s`, each route's `start_offset_s`, the cells that miss their target (`missed_targets`,
    /// the first `listLimit`), the `unreachable` cells with their reason, and `notes`.
    /// - Parameters:
    ///   - mission: the mission's name.
    ///   - listLimit: at most this many missed and unreachable cells are listed (the counts are complete).
    public func jsonData(mission: String, listLimit: Int = 200) throws -> Data {
        func number(_ value: Double) -> Any { value.isFinite ? (value * 1000).rounded() / 1000 : NSNull() }
        let routes: [[String: Any]] = routes.map { route in
            [
                "device": route.deviceID, "kind": route.kind.rawValue, "cycle_s": number(route.cycleS),
                "start_offset_s": number(route.startOffsetS),
                "waypoints": route.waypoints.map { waypoint -> [String: Any] in
                    var row: [String: Any] = [
                        "x": number(waypoint.position.x), "y": number(waypoint.position.y),
                        "z": number(waypoint.position.z), "t": number(waypoint.arrivalS),
                        "purpose": waypoint.purpose.rawValue,
                    ]
                    if let heading = waypoint.headingDeg { row["heading_deg"] = number(heading) }
                    if waypoint.dwellS > 0 { row["dwell_s"] = number(waypoint.dwellS) }
                    return row
                },
            ]
        }
        var metricsRow: [String: Any] = [
            "avg_idleness_s": number(metrics.avgIdlenessS), "worst_idleness_s": number(metrics.worstIdlenessS),
            "worst_ratio": number(metrics.worstRatio), "coverage_fraction": number(metrics.coverageFraction),
            "blind_exposure": number(metrics.blindExposure), "plan_ms": number(metrics.planMS),
            "patrol_cells": targets.count, "missed_target_count": metrics.missedTargets.count,
            "missed_targets": metrics.missedTargets.prefix(listLimit).map { missed -> [String: Any] in
                let position = missed.position ?? targets.positions[missed.target]
                return ["x": number(position.x), "y": number(position.y),
                        "worst_idleness_s": missed.worstIdlenessS.map(number) ?? NSNull(),
                        "target_s": number(missed.targetS), "excess_s": missed.excessS.map(number) ?? NSNull()]
            },
        ]
        if let cross = crossPatrolWorstRatio { metricsRow["cross_patrol_worst_ratio"] = number(cross) }
        if let sustained {
            // What a shift sustains while the devices that charge between laps take turns at the dock.
            metricsRow["sustained"] = [
                "avg_idleness_s": number(sustained.metrics.avgIdlenessS),
                "worst_idleness_s": number(sustained.metrics.worstIdlenessS),
                "worst_ratio": number(sustained.metrics.worstRatio),
                "coverage_fraction": number(sustained.metrics.coverageFraction),
                "on_patrol": Dictionary(uniqueKeysWithValues: sustained.onPatrol.map {
                    ($0.key.rawValue, ["patrolling": $0.value.patrolling, "routed": $0.value.routed])
                }),
            ] as [String: Any]
        }
        let document: [String: Any] = [
            "mission": mission,
            "routes": routes,
            "metrics": metricsRow,
            "strategies": Dictionary(strategies.map { ($0.key.rawValue, $0.value.rawValue) }, uniquingKeysWith: { a, _ in a }),
            // Cross patrol: the devices posted on loops round the highest-weight cells.
            "sentries": sentries.values.joined().sorted(),
            "viewpoint_count": viewpoints.count,
            "unreachable_count": unreachable.count,
            "unreachable": unreachable.prefix(listLimit).map {
                ["x": number($0.position.x), "y": number($0.position.y), "reason": $0.reason] as [String: Any]
            },
            "notes": notes,
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }
}
