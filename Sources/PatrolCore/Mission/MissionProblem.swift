/// One thing wrong with a mission: where it is and what was expected.
public struct MissionProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file, relative to the mission folder, e.g. "site.geojson".
    public var file: String
    /// Where in the file: "features[3]", "$.fleet[1].dock", "line 4", "node 7".
    public var location: String
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String, location: String, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String { "\(file): \(location): \(message)" }
}

/// A mission that cannot be loaded, with every problem found in it.
public struct MissionError: Error, Sendable, CustomStringConvertible {
    public var problems: [MissionProblem]

    public init(problems: [MissionProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
