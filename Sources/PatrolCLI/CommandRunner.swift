import Foundation

/// Runs a command body the way all three executables do: usage errors and failures become one line on
/// stderr and a non-zero exit code, never a stack trace.
public enum CommandRunner {
    /// Exit code for bad arguments.
    public static let usageExitCode: Int32 = 2
    /// Exit code for a failure while doing the work.
    public static let failureExitCode: Int32 = 1

    /// Calls `body`; prints `program: message` (and `usage`, unless empty) on failure and returns the exit code.
    public static func exitCode(program: String, usage: String, _ body: () throws -> Int32) -> Int32 {
        do {
            return try body()
        } catch let error as UsageError {
            printError("\(program): \(error.message)" + (usage.isEmpty ? "" : "\n\(usage)"))
            return usageExitCode
        } catch {
            printError("\(program): \(error)")
            return failureExitCode
        }
    }

    /// Writes a line to standard error.
    public static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
