/// A plan: one route per device and its predicted metrics (`PlanReply`).
public struct PlanReply: Hashable, Sendable {
    /// Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var planID: String
    /// At most `WireLimits.maxListCount`.
    public var routes: [Route]
    public var metrics: PatrolMetrics

    public init(planID: String, routes: [Route], metrics: PatrolMetrics) {
        self.planID = planID
        self.routes = routes
        self.metrics = metrics
    }
}

extension PlanReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(planID, path.child("plan_id"))
        try Check.count(routes.count, max: WireLimits.maxListCount, path.child("routes"))
        for (index, route) in routes.enumerated() {
            try route.validate(at: path.child("routes").index(index))
        }
        try metrics.validate(at: path.child("metrics"))
    }
}
