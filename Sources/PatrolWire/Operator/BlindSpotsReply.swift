/// The current blind spots (`BlindSpotsReply`).
public struct BlindSpotsReply: Hashable, Sendable {
    /// At most `WireLimits.maxListCount`.
    public var blindSpots: [BlindSpot]
    /// Milliseconds since the Unix epoch.
    public var hubTimeMS: Int64

    public init(blindSpots: [BlindSpot], hubTimeMS: Int64) {
        self.blindSpots = blindSpots
        self.hubTimeMS = hubTimeMS
    }
}

extension BlindSpotsReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.count(blindSpots.count, max: WireLimits.maxListCount, path.child("blind_spots"))
        for (index, spot) in blindSpots.enumerated() {
            try spot.validate(at: path.child("blind_spots").index(index))
        }
        try Check.timestamp(hubTimeMS, path.child("hub_time_ms"))
    }
}
