/// The one small argument parser the three executables share (no outside packages can be fetched here).
///
/// Options take a value (`--hub tcp://...` or `--hub=tcp://...`), flags take none, positionals are what is
/// left in order. Read what the command knows, then call `finish()` so unknown leftovers are refused.
public struct CommandLineArguments: Sendable {
    private var remaining: [String]

    /// - Parameter args: the arguments after the program (and sub-command) name.
    public init(_ args: [String]) {
        self.remaining = args
    }

    /// Whether `--help` or `-h` was given; removes it.
    public mutating func wantsHelp() -> Bool {
        flag("--help") || flag("-h")
    }

    /// Removes every occurrence of the flag and reports whether it was present.
    public mutating func flag(_ name: String) -> Bool {
        let before = remaining.count
        remaining.removeAll { $0 == name }
        return remaining.count != before
    }

    /// Removes `name VALUE` (or `name=VALUE`) and returns VALUE; the last occurrence wins.
    /// - Throws: `UsageError` when the option is last with no value.
    public mutating func option(_ name: String) throws(UsageError) -> String? {
        try options(name).last
    }

    /// Removes every `name VALUE` (or `name=VALUE`) and returns the values in order, for repeatable options.
    /// - Throws: `UsageError` when the option is last with no value.
    public mutating func options(_ name: String) throws(UsageError) -> [String] {
        var values: [String] = []
        var index = 0
        while index < remaining.count {
            let argument = remaining[index]
            if argument == name {
                guard index + 1 < remaining.count else {
                    throw UsageError("option \(name) needs a value")
                }
                values.append(remaining[index + 1])
                remaining.removeSubrange(index...(index + 1))
            } else if argument.hasPrefix(name + "=") {
                values.append(String(argument.dropFirst(name.count + 1)))
                remaining.remove(at: index)
            } else {
                index += 1
            }
        }
        return values
    }

    /// An option parsed as a number within a closed range.
    /// - Throws: `UsageError` naming the option and the expected range.
    public mutating func doubleOption(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = try option(name) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw UsageError("option \(name): expected a number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// An option parsed as an integer within a closed range.
    /// - Throws: `UsageError` naming the option and the expected range.
    public mutating func intOption(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("option \(name): expected an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// Removes and returns the first argument that is not an option.
    /// - Throws: `UsageError` naming the missing argument.
    public mutating func positional(_ name: String) throws(UsageError) -> String {
        guard let value = optionalPositional() else {
            throw UsageError("missing \(name)")
        }
        return value
    }

    /// Removes and returns the first argument that does not start with `--`, if any.
    public mutating func optionalPositional() -> String? {
        guard let index = remaining.firstIndex(where: { !$0.hasPrefix("--") || $0 == "--" }) else { return nil }
        return remaining.remove(at: index)
    }

    /// Refuses whatever the command did not read.
    /// - Throws: `UsageError` naming the first unknown argument.
    public func finish() throws(UsageError) {
        if let unknown = remaining.first {
            throw UsageError(unknown.hasPrefix("-") ? "unknown option \(unknown)" : "unexpected argument '\(unknown)'")
        }
    }
}

/// A command-line mistake; `message` is one line saying what was wrong and what was expected.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
