/// One thing wrong with a mission: where it is and what was expected.
public struct MissionProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file, relative to the mission folder, e.g. "site.geojson".
    public var file: String
    /// Where in the file: "features[3]", "$.fleet[1].dock", "line 4", "node 7".
    public var location: String
    /// What is wrong and what was expected.
    public var message: String

    /// - Parameters:
    ///   - file: the file, relative to the mission folder.
    ///   - location: where in the file.
    ///   - message: what is wrong and what was expected.
    public init(file: String, location: String, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `FILE: LOCATION: MESSAGE`, one line.
    public var description: String { "\(file): \(location): \(message)" }
}

/// A mission that cannot be loaded, with every problem found in it.
public struct MissionError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    public var problems: [MissionProblem]

    /// An error holding `problems` (not empty).
    public init(problems: [MissionProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
