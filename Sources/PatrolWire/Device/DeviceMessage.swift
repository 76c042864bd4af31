/// One frame from a device to the hub (`DeviceMessage`).
public struct DeviceMessage: Hashable, Sendable {
    /// The message's payload: the proto's `oneof body`.
    public enum Body: Hashable, Sendable {
        case hello(Hello)
        case heartbeat(Heartbeat)
        case telemetry(Telemetry)
        case observation(Observation)
        case detection(Detection)
        case routeProgress(RouteProgress)
        case bye(Bye)
    }

    /// Per-device sequence number, strictly increasing from 1 for each new message; 0 is invalid.
    public var seq: UInt64
    /// Device clock when sent, milliseconds since the Unix epoch.
    public var sentMS: Int64
    public var body: Body

    public init(seq: UInt64, sentMS: Int64, body: Body) {
        self.seq = seq
        self.sentMS = sentMS
        self.body = body
    }
}

extension DeviceMessage: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.integer(seq, 1...UInt64.max, path.child("seq"))
        try Check.timestamp(sentMS, path.child("sent_ms"))
        switch body {
        case .hello(let hello): try hello.validate(at: path.child("hello"))
        case .heartbeat(let heartbeat): try heartbeat.validate(at: path.child("heartbeat"))
        case .telemetry(let telemetry): try telemetry.validate(at: path.child("telemetry"))
        case .observation(let observation): try observation.validate(at: path.child("observation"))
        case .detection(let detection): try detection.validate(at: path.child("detection"))
        case .routeProgress(let progress): try progress.validate(at: path.child("route_progress"))
        case .bye(let bye): try bye.validate(at: path.child("bye"))
        }
    }
}
