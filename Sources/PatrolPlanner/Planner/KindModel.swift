import PatrolCore

/// One device kind's share of a grid-mode site: its viewpoints, the travel distances between them and a
/// short tour through them.
struct KindModel: Sendable {
    let kind: DeviceKind
    let viewpoints: [Viewpoint]
    /// Index of `viewpoints[0]` in the plan's viewpoint list.
    let firstViewpoint: Int
    /// Path length between viewpoints, metres (a large finite penalty where no path exists).
    let distancesM: CostMatrix
    let tour: Tour
    let candidateCount: Int

    /// Distances that stand in for "no path" so the tour stays finite; such legs are reported.
    static let unreachablePenaltyM = 1e7
}
