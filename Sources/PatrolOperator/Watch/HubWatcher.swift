import Foundation
import PatrolWire
import ZeroMQ

/// Keeps a `WatchSnapshot` up to date from a hub: operator requests on a timer, events in between.
final class HubWatcher {
    private(set) var snapshot: WatchSnapshot
    private let client: OperatorClient
    /// SUB socket on the event stream, subscribed to `fleet`, `alert` and `plan`; nil without `--events`.
    let eventSocket: Socket?
    /// The SUB socket's own context, closed after it (the client owns another).
    private let eventContext: Context?

    init(endpoint: String, eventsEndpoint: String?, timeoutMS: Int) throws {
        snapshot = WatchSnapshot(endpoint: endpoint)
        client = try OperatorClient(endpoint: endpoint, timeoutMS: timeoutMS)
        if let eventsEndpoint {
            let context = try Context()
            eventContext = context
            let socket = try Socket(context, type: .sub)
            try socket.set(.lingerMS, 0)
            try socket.set(.subscribe, Array("fleet".utf8))
            try socket.set(.subscribe, Array("alert".utf8))
            try socket.set(.subscribe, Array("plan".utf8))
            try socket.connect(eventsEndpoint)
            eventSocket = socket
        } else {
            eventSocket = nil
            eventContext = nil
        }
    }

    deinit {
        eventSocket?.close()
        eventContext?.close()
    }

    /// Asks for status, devices, alerts and blind spots (and the coverage map when asked); stops at the first
    /// failure so an unanswering hub costs one timeout per refresh, and records it in `snapshot.hubError`.
    func refresh(includeCoverage: Bool) {
        do {
            if case .status(let status) = try client.request(.status) { snapshot.status = status }
            if case .devices(let reply) = try client.request(.devices) { snapshot.devices = reply.devices }
            if case .alerts(let reply) = try client.request(.alerts(AlertsRequest(includeResolved: false))) {
                snapshot.alerts = reply.alerts
            }
            if case .blindSpots(let reply) = try client.request(.blindSpots) { snapshot.blindSpots = reply.blindSpots }
            if includeCoverage || snapshot.coverage == nil,
               case .coverage(let map) = try client.request(.coverage(CoverageRequest(includeCells: true))) {
                snapshot.setCoverage(map)
            }
            snapshot.hubError = nil
        } catch {
            snapshot.hubError = "\(error)"
        }
    }

    /// Applies every event waiting on the SUB socket.
    func drainEvents() {
        guard let eventSocket else { return }
        while let frames = try? eventSocket.receiveMultipart(dontWait: true), let payload = frames.last {
            guard let event = try? Event(decoding: payload) else { continue }
            switch event.body {
            case .fleet(let fleet): snapshot.merge(devices: fleet.devices)
            case .alert(let alert): snapshot.merge(alert: alert)
            case .plan(let plan): snapshot.routes = plan.plan.routes
            case .coverage: break
            }
        }
    }

    /// Acknowledges an alert; returns the note to show (done, or why not).
    func acknowledge(alertID: String) -> String {
        let name = String((ProcessInfo.processInfo.environment["USER"] ?? "watch").prefix(64))
        do {
            let reply = try client.request(.acknowledgeAlert(AcknowledgeAlertRequest(alertID: alertID,
                                                                                     operatorName: name)))
            if case .alert(let alert) = reply {
                snapshot.merge(alert: alert)
                return "\(alert.alertID) \(alert.state.rawValue)"
            }
            return "acknowledge \(alertID): unexpected reply"
        } catch {
            return "acknowledge \(alertID) failed: \(error)"
        }
    }
}
