/// One request from an operator tool to the hub (`OperatorRequest`).
public struct OperatorRequest: Hashable, Sendable {
    /// The request: the proto's `oneof body`. Requests without fields carry no payload.
    public enum Body: Hashable, Sendable {
        case status
        case devices
        case loadMission(LoadMissionRequest)
        case startMission
        case stopMission
        case plan(PlanRequest)
        case coverage(CoverageRequest)
        case blindSpots
        case alerts(AlertsRequest)
        case acknowledgeAlert(AcknowledgeAlertRequest)
        case dispatch(DispatchRequest)
        case replan(ReplanRequest)
        case setCameraState(SetCameraStateRequest)
    }

    /// Echoed in the reply.
    public var requestID: UInt64
    public var body: Body

    public init(requestID: UInt64, body: Body) {
        self.requestID = requestID
        self.body = body
    }
}

extension OperatorRequest: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        switch body {
        case .status, .devices, .startMission, .stopMission, .blindSpots, .plan, .coverage, .alerts:
            return
        case .loadMission(let request): try request.validate(at: path.child("load_mission"))
        case .acknowledgeAlert(let request): try request.validate(at: path.child("acknowledge_alert"))
        case .dispatch(let request): try request.validate(at: path.child("dispatch"))
        case .replan(let request): try request.validate(at: path.child("replan"))
        case .setCameraState(let request): try request.validate(at: path.child("set_camera_state"))
        }
    }
}
