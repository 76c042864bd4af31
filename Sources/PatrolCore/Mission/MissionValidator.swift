import Foundation

/// Checks a mission folder without stopping at the first problem (`patrolctl validate`).
public enum MissionValidator {
    /// Every problem of the mission in `directory`; empty when it loads.
    public static func validate(directory: URL) -> [MissionProblem] {
        var reader = MissionReader(directory: directory)
        _ = reader.read()
        return reader.log.problems
    }
}
