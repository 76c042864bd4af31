/// Decodes a patrolling_sim `.graph` file: `node_count width_px height_px resolution offset_x offset_y`,
/// then per node `id x_px y_px neighbour_count` and per neighbour `id direction cost_px`. Node positions
/// are `offset + pixel * resolution` in the map's world frame (y up), which is the local frame; pixel
/// coordinates may be negative (the dataset's `move_base_arena` graph is centred on the world origin, its
/// offset 0 while its map starts at (-5.375, -5.25)). Edge lengths are `cost_px * resolution`.
struct PatrolGraphDecoder {
    static let maxBytes = 4 << 20
    static let maxNodes = 100_000

    /// File name relative to the mission folder.
    let file: String

    func decode(_ bytes: [UInt8], log: inout ProblemLog) -> PatrolGraph? {
        let tokens = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace })
        var position = 0
        func next(_ what: String, _ location: String) -> Substring? {
            guard position < tokens.count else {
                log.add(file, location, "unexpected end of file, expected \(what)")
                return nil
            }
            position += 1
            return tokens[position - 1]
        }
        func number(_ what: String, _ location: String, _ range: NumberRange) -> Double? {
            guard let token = next(what, location) else { return nil }
            guard let value = Double(token), range.contains(value) else {
                log.add(file, location, "expected \(what) as \(range.description), got \"\(token)\"")
                return nil
            }
            return value
        }
        func integer(_ what: String, _ location: String, _ upper: Int) -> Int? {
            guard let token = next(what, location) else { return nil }
            guard let value = Int(token), value >= 0, value <= upper else {
                log.add(file, location, "expected \(what) as a whole number from 0 to \(upper), got \"\(token)\"")
                return nil
            }
            return value
        }
        guard let count = integer("the node count", "header", Self.maxNodes),
              integer("the width in pixels", "header", 1 << 20) != nil,
              integer("the height in pixels", "header", 1 << 20) != nil,
              let resolution = number("the resolution", "header", .positive(upTo: 100)),
              let offsetX = number("offset_x", "header", NumberRange(lower: -50_000, upper: 50_000)),
              let offsetY = number("offset_y", "header", NumberRange(lower: -50_000, upper: 50_000)) else { return nil }
        var nodes: [Point2] = []
        var edges: [[PatrolGraph.Edge]] = []
        for index in 0..<count {
            let location = "node \(index)"
            guard let id = integer("the node id", location, count - 1) else { return nil }
            guard id == index else {
                log.add(file, location, "node id \(id), expected \(index) (nodes listed in id order)")
                return nil
            }
            guard let x = number("x in pixels", location, NumberRange(lower: -1_048_576, upper: 1_048_576)),
                  let y = number("y in pixels", location, NumberRange(lower: -1_048_576, upper: 1_048_576)),
                  let neighbourCount = integer("the neighbour count", location, count) else { return nil }
            nodes.append(Point2(x: offsetX + x * resolution, y: offsetY + y * resolution))
            var nodeEdges: [PatrolGraph.Edge] = []
            for neighbour in 0..<neighbourCount {
                let edgeLocation = "node \(index) neighbour \(neighbour)"
                guard let to = integer("the neighbour id", edgeLocation, count - 1),
                      next("the direction", edgeLocation) != nil,
                      let cost = number("the cost in pixels", edgeLocation, .positive(upTo: 16_777_216))
                else { return nil }
                guard to != index else {
                    log.add(file, edgeLocation, "node \(index) lists itself as a neighbour")
                    return nil
                }
                nodeEdges.append(PatrolGraph.Edge(to: to, lengthM: cost * resolution))
            }
            edges.append(nodeEdges)
        }
        if position < tokens.count {
            log.add(file, "after node \(count - 1)", "unexpected text after the last node")
        }
        guard !nodes.isEmpty else {
            log.add(file, "header", "graph without nodes, expected at least one")
            return nil
        }
        return PatrolGraph(nodes: nodes, edges: edges)
    }
}
