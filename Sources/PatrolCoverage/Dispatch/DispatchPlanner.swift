import PatrolCore

/// Picks the device to send to a target: the capable, available device that gets there first.
///
/// Pure: the travel time comes from a function the caller supplies (the hub passes the planner's path
/// finder: A* on the grid for robots, legs around no-fly zones for drones), so this only decides.
public enum DispatchPlanner {
    /// Why one device was passed over.
    public struct Rejection: Hashable, Sendable {
        public var deviceID: String
        public var reason: String

        public init(deviceID: String, reason: String) {
            self.deviceID = deviceID
            self.reason = reason
        }
    }

    /// A device that can go, and how long it needs.
    public struct Option: Hashable, Sendable {
        public var deviceID: String
        public var travelTimeS: Double

        public init(deviceID: String, travelTimeS: Double) {
            self.deviceID = deviceID
            self.travelTimeS = travelTimeS
        }
    }

    /// The device chosen and how long it needs.
    public struct Choice: Hashable, Sendable {
        public var deviceID: String
        public var travelTimeS: Double
        /// The other capable, available devices in order of travel time (the fallbacks).
        public var alternatives: [Option]
        public var rejections: [Rejection]
    }

    public enum Decision: Hashable, Sendable {
        case chosen(Choice)
        /// No device can go; `explanation` says why, device by device.
        case noneAvailable(explanation: String, rejections: [Rejection])
    }

    /// Chooses the device with the shortest travel time among those available, of an allowed kind and
    /// with every required capability, whose travel time is known and finite. Ties go to the smaller id,
    /// so the same inputs always give the same choice.
    /// - Parameters:
    ///   - candidates: the fleet as the hub knows it.
    ///   - target: where and what for.
    ///   - travelTimeS: seconds for a device to reach a point, or nil when it cannot (no path, no-fly).
    public static func choose(candidates: [DispatchCandidate], target: DispatchTarget,
                              travelTimeS: (DispatchCandidate, Point2) -> Double?) -> Decision {
        var rejections: [Rejection] = []
        var options: [Option] = []
        for candidate in candidates.sorted(by: { $0.id < $1.id }) {
            if !candidate.isAvailable {
                rejections.append(Rejection(deviceID: candidate.id, reason: "is \(candidate.state.rawValue)"))
                continue
            }
            if let kinds = target.allowedKinds, !kinds.contains(candidate.kind) {
                let allowed = kinds.map(\.rawValue).sorted().joined(separator: " or ")
                rejections.append(Rejection(deviceID: candidate.id,
                                            reason: "is a \(candidate.kind.rawValue), expected a \(allowed)"))
                continue
            }
            let missing = target.requiredCapabilities.subtracting(candidate.capabilities)
            if !missing.isEmpty {
                rejections.append(Rejection(deviceID: candidate.id,
                                            reason: "lacks \(missing.sorted().joined(separator: ", "))"))
                continue
            }
            guard let seconds = travelTimeS(candidate, target.position), seconds.isFinite, seconds >= 0 else {
                rejections.append(Rejection(deviceID: candidate.id, reason: "has no path to the target"))
                continue
            }
            options.append(Option(deviceID: candidate.id, travelTimeS: seconds))
        }
        options.sort { $0.travelTimeS != $1.travelTimeS ? $0.travelTimeS < $1.travelTimeS : $0.deviceID < $1.deviceID }
        guard let best = options.first else {
            let position = "(\(AlertEngine.format(target.position.x)), \(AlertEngine.format(target.position.y))) m"
            let details = rejections.isEmpty ? "the fleet is empty"
                : rejections.map { "\($0.deviceID) \($0.reason)" }.joined(separator: "; ")
            return .noneAvailable(explanation: "no device can go to \(position) for \(target.reason): \(details)",
                                  rejections: rejections)
        }
        return .chosen(Choice(deviceID: best.deviceID, travelTimeS: best.travelTimeS,
                              alternatives: Array(options.dropFirst()), rejections: rejections))
    }
}
