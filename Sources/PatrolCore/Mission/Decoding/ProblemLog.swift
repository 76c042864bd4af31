import Foundation

/// Collects the problems of a mission as the decoders find them, so that every one is reported at once.
struct ProblemLog {
    private(set) var problems: [MissionProblem] = []

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(_ file: String, _ location: String, _ message: String) {
        problems.append(MissionProblem(file: file, location: location, message: message))
    }

    /// Reads a whole file no larger than `limitBytes`, or records why it cannot.
    mutating func readFile(_ url: URL, name: String, limitBytes: Int) -> [UInt8]? {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            add(name, "file", "file not found at \(path)")
            return nil
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limitBytes else {
            add(name, "file", "file is \(size) bytes, expected at most \(limitBytes)")
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            add(name, "file", "file cannot be read")
            return nil
        }
        defer { try? handle.close() }
        // Read at most one byte past the limit, in case the file grew since it was measured.
        guard let data = try? handle.read(upToCount: limitBytes + 1) else { return [] }
        guard data.count <= limitBytes else {
            add(name, "file", "file is larger than \(limitBytes) bytes")
            return nil
        }
        return [UInt8](data)
    }

    /// Reads and parses a JSON file, or records why it cannot.
    mutating func readJSON(_ url: URL, name: String, limitBytes: Int) -> JSONValue? {
        guard let bytes = readFile(url, name: name, limitBytes: limitBytes) else { return nil }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            add(name, "line \(error.line), column \(error.column)", "malformed JSON: \(error.message)")
            return nil
        }
    }
}

/// An inclusive or exclusive numeric range, described in error messages.
struct NumberRange {
    var lower: Double
    var upper: Double
    var lowerExclusive = false

    static func positive(upTo upper: Double) -> NumberRange {
        NumberRange(lower: 0, upper: upper, lowerExclusive: true)
    }
    static func nonNegative(upTo upper: Double) -> NumberRange { NumberRange(lower: 0, upper: upper) }

    func contains(_ value: Double) -> Bool {
        value.isFinite && (lowerExclusive ? value > lower : value >= lower) && value <= upper
    }

    var description: String {
        "a number \(lowerExclusive ? ">" : ">=") \(Self.format(lower)) and <= \(Self.format(upper))"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// Reads the members of one JSON object, recording a problem (with the member's path) for every
/// missing, mistyped or out-of-range member.
struct ObjectReader {
    let members: [String: JSONValue]
    let keys: [String]
    /// Path of the object itself, e.g. "$.fleet[1]" or "features[3].properties".
    let path: String
    let file: String

    /// The object at `path`, or nil (with a problem recorded) when `value` is not an object.
    init?(_ value: JSONValue?, path: String, file: String, log: inout ProblemLog) {
        guard case .object(let members, let keys) = value else {
            log.add(file, path, "expected an object, got \(value?.typeName ?? "nothing")")
            return nil
        }
        self.members = members
        self.path = path
        self.file = file
        var seen: Set<String> = []
        var unique: [String] = []
        for key in keys {
            if seen.insert(key).inserted {
                unique.append(key)
            } else {
                log.add(file, "\(path).\(key)", "member given twice, expected each name once")
            }
        }
        self.keys = unique
    }

    func memberPath(_ key: String) -> String { "\(path).\(key)" }

    func has(_ key: String) -> Bool { members[key] != nil && !isNull(key) }

    private func isNull(_ key: String) -> Bool {
        if case .null = members[key] { return true }
        return false
    }

    /// Records every member not in `known` (a typo would otherwise be silently ignored).
    func rejectUnknownKeys(_ known: Set<String>, log: inout ProblemLog) {
        for key in keys where !known.contains(key) {
            log.add(file, memberPath(key), "unknown member, expected one of \(known.sorted().joined(separator: ", "))")
        }
    }

    func number(_ key: String, _ range: NumberRange, log: inout ProblemLog) -> Double? {
        guard has(key) else {
            log.add(file, memberPath(key), "missing, expected \(range.description)")
            return nil
        }
        return optionalNumber(key, range, log: &log)
    }

    func optionalNumber(_ key: String, _ range: NumberRange, log: inout ProblemLog) -> Double? {
        guard has(key) else { return nil }
        guard case .number(let value) = members[key] else {
            log.add(file, memberPath(key), "expected \(range.description), got \(members[key]!.typeName)")
            return nil
        }
        guard range.contains(value) else {
            log.add(file, memberPath(key), "expected \(range.description), got \(NumberRange.format(value))")
            return nil
        }
        return value
    }

    func integer(_ key: String, _ range: NumberRange, log: inout ProblemLog) -> Int? {
        guard let value = optionalNumber(key, range, log: &log) else { return nil }
        guard value == value.rounded() else {
            log.add(file, memberPath(key), "expected a whole number, got \(value)")
            return nil
        }
        return Int(value)
    }

    func string(_ key: String, log: inout ProblemLog, expected: String = "a non-empty string") -> String? {
        guard has(key) else {
            log.add(file, memberPath(key), "missing, expected \(expected)")
            return nil
        }
        return optionalString(key, log: &log, expected: expected)
    }

    func optionalString(_ key: String, log: inout ProblemLog, expected: String = "a non-empty string") -> String? {
        guard has(key) else { return nil }
        guard case .string(let value) = members[key], !value.isEmpty, value.utf8.count <= 256 else {
            log.add(file, memberPath(key), "expected \(expected) (at most 256 bytes), got \(describe(members[key]))")
            return nil
        }
        return value
    }

    func optionalBool(_ key: String, log: inout ProblemLog) -> Bool? {
        guard has(key) else { return nil }
        guard case .bool(let value) = members[key] else {
            log.add(file, memberPath(key), "expected true or false, got \(members[key]!.typeName)")
            return nil
        }
        return value
    }

    /// The array member, at most `limit` long.
    func array(_ key: String, required: Bool, limit: Int, log: inout ProblemLog) -> [JSONValue]? {
        guard has(key) else {
            if required { log.add(file, memberPath(key), "missing, expected an array") }
            return nil
        }
        guard case .array(let elements) = members[key] else {
            log.add(file, memberPath(key), "expected an array, got \(members[key]!.typeName)")
            return nil
        }
        guard elements.count <= limit else {
            log.add(file, memberPath(key), "array of \(elements.count) entries, expected at most \(limit)")
            return nil
        }
        return elements
    }

    func object(_ key: String, required: Bool, log: inout ProblemLog) -> ObjectReader? {
        guard has(key) else {
            if required { log.add(file, memberPath(key), "missing, expected an object") }
            return nil
        }
        return ObjectReader(members[key], path: memberPath(key), file: file, log: &log)
    }

    private func describe(_ value: JSONValue?) -> String {
        if case .string(let text) = value { return text.isEmpty ? "an empty string" : "a string too long" }
        return value?.typeName ?? "nothing"
    }
}
