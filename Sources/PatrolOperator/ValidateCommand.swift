import Foundation
import PatrolCLI
import PatrolCore

/// `patrolctl validate MISSION`: every problem of a mission at once, each with its file and location.
public enum ValidateCommand {
    public static let usage = "usage: patrolctl validate MISSION   (a mission folder holding mission.json)"

    /// - Returns: 0 when the mission is valid, 1 when it has problems.
    /// - Throws: `UsageError` on bad arguments.
    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() {
            print(usage)
            return 0
        }
        let json = arguments.flag("--json")
        let path = try arguments.positional("MISSION")
        try arguments.finish()
        let directory = URL(fileURLWithPath: path)
        let problems = MissionValidator.validate(directory: directory)
        if json {
            let rows = problems.map { ["file": $0.file, "location": $0.location, "message": $0.message] }
            let document: [String: Any] = ["mission": path, "valid": problems.isEmpty, "problems": rows]
            let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else if problems.isEmpty {
            print("\(path): valid")
        } else {
            for problem in problems {
                print("\(path)/\(problem)")
            }
            print("\(path): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
        return problems.isEmpty ? 0 : 1
    }
}
