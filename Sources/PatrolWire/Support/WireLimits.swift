/// Size and range limits that decoding enforces on top of the ranges written in the proto comments.
public enum WireLimits {
    /// The largest frame `init(decoding:)` accepts, bytes. Hubs set a smaller `ZMQ_MAXMSGSIZE` per endpoint.
    public static let maxFrameBytes = 64 << 20
    /// Ids (`device_id`, `alert_id`, `route_id`, ...): non-empty, at most this many bytes of `[A-Za-z0-9_.-]`.
    public static let maxIDBytes = 64
    /// Waypoints in one route.
    public static let maxWaypoints = 10_000
    /// Elements of any other repeated message field (devices, routes, alerts, counters, blind spots, regions).
    public static let maxListCount = 10_000
    /// Sequence numbers in one `Ack`.
    public static let maxAckSeqs = 10_000
    /// Cells of a coverage map or region (`width * height`); 16 Mi cells is a 2 km square at 0.5 m.
    public static let maxCoverageCells: UInt64 = 1 << 24
    /// `|x_m|` and `|y_m|` of any position, metres.
    public static let maxHorizontalM = 100_000.0
    /// Lowest and highest `z_m` of any position, metres.
    public static let zRangeM: ClosedRange<Double> = -100...10_000
    /// Timestamps (`*_ms`): milliseconds since the Unix epoch, from 1970 up to the year 3000.
    public static let timestampRangeMS: ClosedRange<Int64> = 0...32_503_680_000_000
    /// Durations and offsets in seconds (`cycle_s`, `offset_s`, idleness): at most about 31 years.
    public static let maxDurationS = 1e9
}
