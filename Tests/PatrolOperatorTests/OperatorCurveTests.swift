import Foundation
import PatrolCLI
import PatrolTestKit
import Testing
@testable import PatrolOperator

/// `patrolctl` against a hub started with `--keys`: the operator's key files from `patrolctl keygen` open the
/// operator API; without them the request times out instead of hanging.
@Suite struct OperatorCurveTests {
    @Test func liveCommandsUseTheOperatorsKeyFilesAgainstASecuredHub() throws {
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("patrolctl-curve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: keys) }
        for folder in ["devices", "operators"] {
            try FileManager.default.createDirectory(at: keys.appendingPathComponent(folder),
                                                    withIntermediateDirectories: true)
        }
        for name in ["hub", "op1"] {
            #expect(try KeygenCommand.run(arguments: [name, "--dir", keys.path]) == 0)
        }
        try FileManager.default.copyItem(at: keys.appendingPathComponent("op1.pub"),
                                         to: keys.appendingPathComponent("operators/op1.pub"))
        let hub = try LiveHub(mission: Fixtures.mission("plaza"), keysDirectory: keys)
        defer { hub.stop() }

        let keyFlags = ["--key", keys.appendingPathComponent("op1.key").path,
                        "--server-key", keys.appendingPathComponent("hub.pub").path]
        let secured = ["--hub", hub.operatorEndpoint, "--timeout-ms", "5000"] + keyFlags
        #expect(try StatusCommand.run(arguments: secured) == 0)
        #expect(throws: OperatorClientError.self) {
            _ = try StatusCommand.run(arguments: ["--hub", hub.operatorEndpoint, "--timeout-ms", "500"])
        }
    }

    @Test func aKeyWithoutTheServerKeyIsAUsageError() {
        #expect(throws: UsageError(
            "--key and --server-key go together (the operator's NAME.key and the hub's hub.pub)")) {
            _ = try OperatorClient.curveSettings(keyFile: "op1.key", serverKeyFile: nil)
        }
    }
}
