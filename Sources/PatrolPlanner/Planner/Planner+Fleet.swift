import PatrolCore

extension Planner {
    /// A fleet of `count` devices made from `fleet`: its first `count` devices when it has that many,
    /// else all of them plus copies taken round-robin (same kind, speed, battery, dock and camera) named
    /// `KIND-N` with the next free number. Used by `patrolctl plan --devices N` and graph-mode figures.
    public static func resizedFleet(_ fleet: [FleetDevice], count: Int) -> [FleetDevice] {
        guard count > fleet.count, !fleet.isEmpty else { return Array(fleet.prefix(max(0, count))) }
        var result = fleet
        var ids = Set(fleet.map(\.id))
        var index = 0
        while result.count < count {
            var copy = fleet[index % fleet.count]
            var number = result.filter { $0.kind == copy.kind }.count + 1
            while ids.contains("\(copy.kind.rawValue)-\(number)") { number += 1 }
            copy.id = "\(copy.kind.rawValue)-\(number)"
            ids.insert(copy.id)
            result.append(copy)
            index += 1
        }
        return result
    }
}
