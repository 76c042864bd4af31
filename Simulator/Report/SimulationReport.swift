import Foundation

/// `report.json` of DESIGN.md section 6: the section-5 metrics measured on ground truth, incidents,
/// message counts, faults and what happened to each device. Keys are snake_case in the file.
public struct SimulationReport: Codable, Sendable, Equatable {
    public struct Metrics: Codable, Sendable, Equatable {
        public var avgIdlenessS: Double
        public var worstIdlenessS: Double
        public var worstRatio: Double
        public var coverageFraction: Double
        public var blindExposure: Double
        /// Mean time from an incident's start to the hub's alert, seconds; nil when none was alerted.
        public var detectionLatencyS: Double?
        /// End of the warm-up (one patrol cycle): the metrics cover [warmup_s, sim_seconds].
        public var warmupS: Double
        /// Patrol cells evaluated (plus cells of fixed cameras that went offline).
        public var evaluatedCells: Int
    }

    public struct Incident: Codable, Sendable, Equatable {
        public var kind: String
        public var x: Double
        public var y: Double
        public var startS: Double
        public var durationS: Double
        /// Devices that reported it.
        public var reportedBy: [String]
        public var firstReportS: Double?
        public var alertID: String?
        /// Incident start to the hub's alert, seconds.
        public var latencyS: Double?
    }

    public struct Incidents: Codable, Sendable, Equatable {
        public var total: Int
        /// Incidents the hub raised an alert for.
        public var detected: Int
        /// Incidents some device reported (detected on board).
        public var reported: Int
        public var latencyP50S: Double?
        public var latencyP95S: Double?
        /// False when no event endpoint was known, so alerts could not be seen.
        public var alertsObserved: Bool
        public var list: [Incident]

        enum CodingKeys: String, CodingKey {
            case total, detected, reported, list
            case latencyP50S = "latency_p50_s"
            case latencyP95S = "latency_p95_s"
            case alertsObserved = "alerts_observed"
        }
    }

    public struct Messages: Codable, Sendable, Equatable {
        public var sent: [String: Int]
        public var received: [String: Int]
        public var totalSent: Int
        public var totalReceived: Int
        public var resent: Int
        public var dropped: Int
        public var duplicated: Int
        public var reordered: Int
        public var lostToLinkDown: Int
        public var undecodable: Int
        public var rejects: [String: Int]
        /// Observations and detections never acknowledged by the end.
        public var unacknowledged: Int
    }

    public struct Fault: Codable, Sendable, Equatable {
        public var kind: String
        public var device: String?
        public var camera: String?
        public var atS: Double
        public var durationS: Double?
        public var rate: Double?
        public var source: String
        /// How many times it took effect (or messages it hit).
        public var applied: Int
        public var notes: [String]
    }

    public struct Device: Codable, Sendable, Equatable {
        public var id: String
        public var kind: String
        public var finalState: String
        public var distanceM: Double
        public var batteryFraction: Double
        public var charges: Int
        public var frames: Int
        public var routeID: String?
    }

    public struct Hotspot: Codable, Sendable, Equatable {
        public var id: String
        public var expectedPPM2: Double?
        /// Mean measured density over the run, persons per square metre.
        public var measuredPPM2: Double

        enum CodingKeys: String, CodingKey {
            case id
            case expectedPPM2 = "expected_ppm2"
            case measuredPPM2 = "measured_ppm2"
        }
    }

    /// What the hub's first plan of the run promised (its exact evaluation with every device on patrol), to
    /// set beside the measured `metrics`: the gap is what faults, charging and replans cost.
    public struct PlanPromise: Codable, Sendable, Equatable {
        public var avgIdlenessS: Double
        public var worstIdlenessS: Double
        public var worstRatio: Double
    }

    public struct Pedestrians: Codable, Sendable, Equatable {
        public var count: Int
        /// Mean density over walkable cells outside hotspots, persons per square metre.
        public var backgroundPPM2: Double
        public var hotspots: [Hotspot]
    }

    /// One planner's figures in a `--compare` run.
    public struct Comparison: Codable, Sendable, Equatable {
        public var planner: String
        public var metrics: Metrics
        public var incidentsDetected: Int
        public var incidentsTotal: Int
    }

    public var mission: String
    public var planner: String
    public var hub: String
    public var seed: UInt64
    public var simSeconds: Double
    public var wallSeconds: Double
    /// sim_seconds / wall_seconds.
    public var speedUp: Double
    public var metrics: Metrics
    public var incidents: Incidents
    public var messages: Messages
    public var faults: [Fault]
    public var devices: [Device]
    public var pedestrians: Pedestrians?
    /// Plans the hub published during the run.
    public var planEvents: Int
    /// The first plan's own figures; nil when the hub published none (baseline pilots).
    public var planPromise: PlanPromise? = nil
    public var compare: [Comparison]?

    /// The report as pretty-printed JSON with sorted keys, so equal runs give equal bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// Writes the report.
    /// - Throws: an error naming the file when it cannot be written.
    public func write(to url: URL) throws {
        do {
            try jsonData().write(to: url)
        } catch {
            throw SimulationError("cannot write report \(url.path): \(error.localizedDescription)")
        }
    }
}
