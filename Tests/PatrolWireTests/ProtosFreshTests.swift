import Foundation
import Testing

/// The checked-in protobuf-c code in Sources/CPatrolProto is exactly what `Scripts/gen-protos.sh` produces
/// from Protos/ now: a .proto edited without `make protos` fails here, naming the stale file.
struct ProtosFreshTests {
    @Test func protosAreFresh() throws {
        let root = Subprocess.packageRoot
        let output = try Subprocess.temporaryDirectory("patrol-protos")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try Subprocess.run(root.appendingPathComponent("Scripts/gen-protos.sh").path, [output.path],
                                     in: root)
        try #require(run.status == 0,
                     "Scripts/gen-protos.sh failed (is protoc-c installed? `make deps`): \(run.stderr)")

        let generated = try relativeFiles(under: output)
        let checkedIn = try relativeFiles(under: root.appendingPathComponent("Sources/CPatrolProto"))
        #expect(generated.count >= 8, "generated only \(generated.sorted())")
        for file in generated.sorted() {
            let fresh = try Data(contentsOf: output.appendingPathComponent(file))
            let stored = try? Data(contentsOf: root.appendingPathComponent("Sources/CPatrolProto/\(file)"))
            #expect(stored == fresh, "Sources/CPatrolProto/\(file) is stale or missing: run `make protos`")
        }
        for file in checkedIn.subtracting(generated).sorted() {
            Issue.record("Sources/CPatrolProto/\(file) is not generated from any .proto: delete it, then `make protos`")
        }
    }

    private func relativeFiles(under directory: URL) throws -> Set<String> {
        let base = directory.resolvingSymlinksInPath().path
        var files: Set<String> = []
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        for case let path as String in walker {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(base)/\(path)", isDirectory: &isDirectory),
               !isDirectory.boolValue {
                files.insert(path)
            }
        }
        return files
    }
}
