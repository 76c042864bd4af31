/// The hub's answer to one `OperatorRequest` (`OperatorReply`).
public struct OperatorReply: Hashable, Sendable {
    /// The answer: the proto's `oneof body`. `AlertReply` carries one alert, so `.alert` holds it directly.
    public enum Body: Hashable, Sendable {
        case error(ErrorReply)
        case status(StatusReply)
        case devices(DevicesReply)
        case mission(MissionReply)
        case plan(PlanReply)
        case coverage(CoverageReply)
        case blindSpots(BlindSpotsReply)
        case alerts(AlertsReply)
        case alert(Alert)
        case dispatch(DispatchReply)
    }

    /// The request's `requestID`.
    public var requestID: UInt64
    public var body: Body

    public init(requestID: UInt64, body: Body) {
        self.requestID = requestID
        self.body = body
    }
}

extension OperatorReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        switch body {
        case .error(let reply): try reply.validate(at: path.child("error"))
        case .status(let reply): try reply.validate(at: path.child("status"))
        case .devices(let reply): try reply.validate(at: path.child("devices"))
        case .mission(let reply): try reply.validate(at: path.child("mission"))
        case .plan(let reply): try reply.validate(at: path.child("plan"))
        case .coverage(let reply): try reply.validate(at: path.child("coverage"))
        case .blindSpots(let reply): try reply.validate(at: path.child("blind_spots"))
        case .alerts(let reply): try reply.validate(at: path.child("alerts"))
        case .alert(let alert): try alert.validate(at: path.child("alert").child("alert"))
        case .dispatch(let reply): try reply.validate(at: path.child("dispatch"))
        }
    }
}
