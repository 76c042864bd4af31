import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// SQLite persistence: schema, errors that name the file, and a hub restarted on the same database.
@Suite struct HubPersistenceTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("patrolhub-\(UUID().uuidString)-\(name)").path
    }

    @Test func aNewDatabaseIsMigratedToTheCurrentSchemaInWALMode() throws {
        let path = temporaryPath("schema.sqlite")
        let store = try HubStore(path: path)
        #expect(try store.schemaVersion() == HubSchema.currentVersion)
        store.close()
        #expect(FileManager.default.fileExists(atPath: path + "-wal") || FileManager.default.fileExists(atPath: path))
        let reopened = try HubStore(path: path)
        #expect(try reopened.schemaVersion() == HubSchema.currentVersion)
    }

    @Test func aFileThatIsNotADatabaseGivesAnErrorNamingIt() throws {
        let path = temporaryPath("corrupt.sqlite")
        try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try HubStore(path: path)
            Issue.record("opening garbage succeeded")
        } catch let error as SQLiteError {
            #expect(error.isCorrupt)
            #expect(error.description.contains(path))
        }
    }

    @Test func aFullDiskIsReportedAsSuch() throws {
        let store = try HubStore(path: temporaryPath("full.sqlite"))
        // A page limit stands in for a full disk: SQLite answers SQLITE_FULL the same way.
        try store.transaction {}
        let pages = try store.pageCount()
        try store.limitPages(to: pages)
        do {
            try store.transaction {
                for index in 0..<2000 {
                    try store.saveObservation(deviceID: "d", seq: UInt64(index + 1), capturedMS: 0,
                                              frame: [UInt8](repeating: 7, count: 512))
                }
            }
            Issue.record("writing past the page limit succeeded")
        } catch let error as SQLiteError {
            #expect(error.isDiskFull)
            #expect(error.description.contains("disk full"))
        }
    }

    @Test func aRestartedHubResumesCountersAlertsCoverageAndAcknowledgedSeqs() throws {
        let mission = try TestMission.write()
        let database = temporaryPath("hub.sqlite")
        let clock = ManualClock()
        var configuration = HubConfiguration.inproc(mission)
        configuration.databasePath = database
        var committed: Int64 = 0
        var seenCells = 0
        var lastSeq: UInt64 = 0
        do {
            let context = try Context()
            let hub = try Hub(configuration: configuration, context: context, clock: clock)
            let drone = try TestDevice("drone-a", context: context, endpoint: configuration.deviceEndpoint)
            try drone.hello(kind: .drone, sentMS: clock.nowMS())
            try hub.pump(nowMS: clock.nowMS())
            for step in 0..<5 {
                clock.advance(byMS: 200)
                let observation = Observation(capturedMS: clock.nowMS(),
                                              cameraPosition: Vec3(xM: Double(step * 10 - 20), yM: 0, zM: 20),
                                              headingDeg: 0, pitchDeg: 45, fovDeg: 80, rangeM: 30)
                lastSeq = try drone.send(.observation(observation), sentMS: clock.nowMS())
            }
            try drone.send(.detection(Detection(detectionID: "x1", kind: "fire", position: Vec3(xM: 10, yM: 10, zM: 0),
                                                confidence: 0.95, detectedMS: clock.nowMS(), evidenceRef: "img-9")),
                           sentMS: clock.nowMS())
            lastSeq += 1
            try hub.pump(nowMS: clock.nowMS())
            let acked = try drone.receiveAll(waitMS: 50).compactMap(\.ackedSeqs).flatMap { $0 }
            #expect(acked.count == 6)
            committed = hub.counters["observations_committed"]
            seenCells = hub.mission?.coverage.map { map in (0..<map.cellCount).filter { map.timesSeen(ofCell: $0) > 0 }.count } ?? 0
            #expect(committed == 5)
            #expect(seenCells > 0)
            // No close(): the next hub opens the file as a restart after a crash would.
        }
        let context = try Context()
        clock.advance(byMS: 1000)
        let restarted = try Hub(configuration: configuration, context: context, clock: clock)
        #expect(restarted.counters["observations_committed"] == committed)
        #expect(restarted.counters["detections_stored"] == 1)
        #expect(restarted.counters["events_persisted"] > 0)
        #expect(restarted.alerts.values.contains { $0.kind == .detection && $0.evidenceRef == "img-9" })
        #expect(restarted.mission?.state == "running")
        let restoredCells = restarted.mission?.coverage.map { map in
            (0..<map.cellCount).filter { map.timesSeen(ofCell: $0) > 0 }.count
        } ?? 0
        #expect(restoredCells == seenCells)
        let drone = try TestDevice("drone-a", context: context, endpoint: configuration.deviceEndpoint)
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        try restarted.pump(nowMS: clock.nowMS())
        let welcome = try #require(try drone.receiveAll(waitMS: 50).first { $0.isWelcome })
        guard case .welcome(let body) = welcome.body else { return }
        #expect(body.lastAckedSeq == lastSeq)
        restarted.close()
    }
}
