import Foundation

/// Runs a program to completion with its output captured in files (no pipe can fill up and block it).
struct Subprocess {
    let status: Int32
    let stdout: String
    let stderr: String

    /// - Parameters:
    ///   - executable: absolute path, or a name looked up on PATH by `/usr/bin/env`.
    ///   - arguments: the arguments.
    ///   - directory: the working directory.
    ///   - input: a file to use as standard input.
    static func run(_ executable: String, _ arguments: [String], in directory: URL,
                    input: URL? = nil) throws -> Subprocess {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        process.currentDirectoryURL = directory
        // Captured in the temporary directory: the working directory may be the package itself.
        let scratch = FileManager.default.temporaryDirectory
        let outURL = scratch.appendingPathComponent("patrol-stdout-\(UUID().uuidString)")
        let errURL = scratch.appendingPathComponent("patrol-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: scratch.path])
        }
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let input {
            process.standardInput = try FileHandle(forReadingFrom: input)
        }
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Subprocess(status: process.terminationStatus,
                          stdout: try String(contentsOf: outURL, encoding: .utf8),
                          stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// A fresh temporary directory; the caller removes it.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The package root, found from this source file's path (Tests/PatrolWireTests/Support/...).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
