import PatrolCore

/// The incidents of `sim.incidents`, who saw them and when the hub alerted on them.
public struct IncidentTracker: Sendable {
    public struct Record: Sendable {
        public let index: Int
        public let incident: SimIncident
        /// Devices that reported it, and when (seconds) each first did.
        public var reportedBy: [String: Double] = [:]
        /// First report by any device, seconds.
        public var firstReportS: Double?
        /// When the hub raised its alert for it, seconds; nil when it never did.
        public var alertS: Double?
        public var alertID: String?
    }

    public private(set) var records: [Record]

    public init(incidents: [SimIncident]) {
        records = incidents.enumerated().map { Record(index: $0.offset, incident: $0.element) }
    }

    /// Indices of the incidents happening at `nowS`.
    public func active(at nowS: Double) -> [Int] {
        records.indices.filter {
            let incident = records[$0].incident
            return nowS >= incident.startS && nowS < incident.startS + incident.durationS
        }
    }

    public func wasReported(_ index: Int, by device: String) -> Bool { records[index].reportedBy[device] != nil }

    public mutating func noteReport(_ index: Int, by device: String, atS: Double) {
        guard records[index].reportedBy[device] == nil else { return }
        records[index].reportedBy[device] = atS
        if records[index].firstReportS == nil { records[index].firstReportS = atS }
    }

    /// Records the hub's alert for an incident: by the index carried in the evidence reference, else
    /// the nearest incident started by then within 15 m of the alert's position.
    public mutating func noteAlert(evidenceRef: String, position: Point2, alertID: String, atS: Double) {
        var index = Self.incidentIndex(inEvidence: evidenceRef)
        if index == nil || index! >= records.count {
            index = records.indices
                .filter { records[$0].incident.startS <= atS && records[$0].incident.position.distance(to: position) <= 15 }
                .min { records[$0].incident.position.distance(to: position) < records[$1].incident.position.distance(to: position) }
        }
        guard let index, records[index].alertS == nil else { return }
        records[index].alertS = atS
        records[index].alertID = alertID
    }

    /// How far an incident of `kind` extends from its position, metres: a crowd surge or a fire is seen
    /// from wherever part of it is in view, a fall only at its spot.
    public static func extentM(kind: String) -> Double {
        switch kind {
        case "crowd_surge", "crowd_crush", "stampede": 15
        case "fire", "smoke": 10
        case "fight", "medical": 3
        default: 1
        }
    }

    /// The evidence reference a simulated device attaches: names the device, frame and incident.
    public static func evidenceRef(device: String, frame: Int, incident: Int) -> String {
        "sim://\(device)/frame/\(frame)/incident/\(incident)"
    }

    static func incidentIndex(inEvidence evidenceRef: String) -> Int? {
        guard let range = evidenceRef.range(of: "/incident/", options: .backwards) else { return nil }
        return Int(evidenceRef[range.upperBound...])
    }

    /// Alert latencies (alert time minus incident start), seconds, of the incidents alerted on.
    public var latenciesS: [Double] {
        records.compactMap { record in record.alertS.map { max(0, $0 - record.incident.startS) } }
    }
}
