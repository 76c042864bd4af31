import Foundation
import PatrolCore
import Synchronization
import ZeroMQ
@testable import PatrolHub

/// A live hub running `run()` on its own thread, as `patrolhub` does, for tests over real sockets.
final class HubThread: Sendable {
    private let endpoints = Mutex<(devices: String, operators: String, events: String, reload: HubReloadFlag)?>(nil)
    private let failure = Mutex<String?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    let stopFlag = HubStopFlag()

    /// Starts the hub and waits until its endpoints are bound.
    init(configuration: HubConfiguration, context: Context) throws {
        let thread = Thread { [self] in
            do {
                let hub = try Hub(configuration: configuration, context: context, clock: WallClock(), stopFlag: stopFlag)
                endpoints.withLock {
                    $0 = (hub.boundDeviceEndpoint, hub.boundOperatorEndpoint, hub.boundEventEndpoint, hub.reloadFlag)
                }
                try hub.run()
                hub.close()
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            finished.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if endpoints.withLock({ $0 }) != nil { return }
            if let message = failure.withLock({ $0 }) { throw HubError(message) }
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw HubError("hub did not start within 10 s")
    }

    var deviceEndpoint: String { endpoints.withLock { $0?.devices ?? "" } }
    var operatorEndpoint: String { endpoints.withLock { $0?.operators ?? "" } }
    var eventEndpoint: String { endpoints.withLock { $0?.events ?? "" } }

    /// What SIGHUP does in `patrolhub`.
    func requestReload() { endpoints.withLock { $0?.reload.requestReload() } }

    /// Stops the hub and waits for its thread to finish.
    func stop() {
        stopFlag.requestStop()
        _ = finished.wait(timeout: .now() + 5)
    }
}
