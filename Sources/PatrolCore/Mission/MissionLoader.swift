import Foundation

extension Mission {
    /// Loads and validates the mission in `directory` (mission.json and the files it names).
    /// - Throws: `MissionError` with every problem found, each naming its file and location.
    public static func load(from directory: URL) throws(MissionError) -> Mission {
        var reader = MissionReader(directory: directory)
        let mission = reader.read()
        guard let mission, reader.log.isEmpty else {
            throw MissionError(problems: reader.log.problems)
        }
        return mission
    }
}
