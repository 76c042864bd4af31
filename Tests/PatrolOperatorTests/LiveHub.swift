import Foundation
import PatrolCore
import PatrolHub
import Synchronization
import ZeroMQ

/// A real hub running `run()` on its own thread on loopback TCP, as `patrolhub` does.
final class LiveHub: Sendable {
    private let endpoints = Mutex<(devices: String, operators: String)?>(nil)
    private let failure = Mutex<String?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    private let stopFlag = HubStopFlag()

    /// Starts the hub on `mission` with wildcard loopback ports and waits until they are bound.
    init(mission: URL, keysDirectory: URL? = nil) throws {
        var configuration = HubConfiguration(missionDirectory: mission)
        configuration.keysDirectory = keysDirectory
        configuration.deviceEndpoint = "tcp://127.0.0.1:*"
        configuration.operatorEndpoint = "tcp://127.0.0.1:*"
        configuration.eventEndpoint = "tcp://127.0.0.1:*"
        configuration.logLevel = .error
        // Serve devices while the planner for the mission is built (seconds in debug builds).
        configuration.preparePlannerInBackground = true
        configuration.plansInBackground = true
        let settings = configuration
        let thread = Thread { [self] in
            do {
                let context = try Context()
                let hub = try Hub(configuration: settings, context: context, clock: WallClock(),
                                  stopFlag: stopFlag)
                endpoints.withLock { $0 = (hub.boundDeviceEndpoint, hub.boundOperatorEndpoint) }
                try hub.run()
                hub.close()
                context.close()
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            finished.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if endpoints.withLock({ $0 }) != nil { return }
            if let message = failure.withLock({ $0 }) { throw LiveHubError(message: message) }
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw LiveHubError(message: "hub on \(mission.path) did not start within 20 s")
    }

    var deviceEndpoint: String { endpoints.withLock { $0?.devices ?? "" } }
    var operatorEndpoint: String { endpoints.withLock { $0?.operators ?? "" } }

    /// Stops the hub and waits for its thread.
    func stop() {
        stopFlag.requestStop()
        _ = finished.wait(timeout: .now() + 5)
    }
}

struct LiveHubError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
