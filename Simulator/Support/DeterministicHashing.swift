import Foundation

/// Swift seeds its hash tables per process, so dictionary iteration order (in the hub and here) changes
/// from run to run. Replaying a run byte for byte needs the runtime's deterministic hashing, which is
/// read once at start-up from the environment: the process re-executes itself with it set.
public enum DeterministicHashing {
    static let variable = "SWIFT_DETERMINISTIC_HASHING"

    /// Whether this process hashes deterministically.
    public static var isEnabled: Bool { ProcessInfo.processInfo.environment[variable] != nil }

    /// Re-executes the current program with deterministic hashing unless it already has it; returns only
    /// when it already has it or when re-executing failed (the run then goes on, merely less repeatable).
    public static func reexecIfNeeded() {
        guard !isEnabled else { return }
        setenv(variable, "1", 1)
        let arguments = CommandLine.arguments
        var cArguments = arguments.map { strdup($0) }
        cArguments.append(nil)
        execv("/proc/self/exe", &cArguments)
        for pointer in cArguments { free(pointer) }
    }
}
