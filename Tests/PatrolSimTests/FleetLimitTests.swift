import Foundation
import PatrolCore
import Testing

/// The tiny mission's site with a fleet of `count` copies of its robot, written back as a real mission.json.
private func tinyMission(fleetSize count: Int) throws -> URL {
    let directory = try TinyMission.write()
    let url = directory.appendingPathComponent("mission.json")
    var mission = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let fleet = try #require(mission["fleet"] as? [[String: Any]])
    let template = try #require(fleet.last)
    mission["fleet"] = (1...count).map { index -> [String: Any] in
        var device = template
        device["id"] = String(format: "robot-%04d", index)
        return device
    }
    try JSONSerialization.data(withJSONObject: mission).write(to: url)
    return directory
}

/// Large-fleet simulations (the 500-device benchmark) load from files, yet a hostile mission.json cannot
/// make the loader build an unbounded fleet.
@Test func aFleetAtTheCapLoadsAndOneMoreDeviceIsRefusedWithItsPath() throws {
    let atCap = try tinyMission(fleetSize: 1000)
    defer { try? FileManager.default.removeItem(at: atCap) }
    #expect(try Mission.load(from: atCap).fleet.count == 1000)

    let overCap = try tinyMission(fleetSize: 1001)
    defer { try? FileManager.default.removeItem(at: overCap) }
    let error = try #require(throws: MissionError.self) { try Mission.load(from: overCap) }
    #expect(error.problems.contains {
        $0.file == "mission.json" && $0.location == "$.fleet"
            && $0.message.contains("1001 entries, expected at most 1000")
    }, "\(error)")
}
