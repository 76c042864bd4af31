import Foundation

/// Decodes a ROS map_server map: the YAML description and the PGM image it names (P5 binary or P2 text).
///
/// Only the flat `key: value` subset of YAML that map_server writes is read. A pixel's occupancy
/// probability is `(maxval - value) / maxval` (`value / maxval` with `negate: 1`); above
/// `occupied_thresh` it is occupied, below `free_thresh` free, in between unknown, which counts as
/// occupied so that nothing plans through unexplored space.
struct ROSMapDecoder {
    static let maxYAMLBytes = 64 << 10
    static let maxImageBytes = 64 << 20
    static let maxSide = 8_192
    static let maxPixels = 16 << 20

    let directory: URL
    /// The YAML file name relative to the mission folder.
    let file: String

    func decode(log: inout ProblemLog) -> OccupancyMap? {
        guard let bytes = log.readFile(directory.appendingPathComponent(file), name: file,
                                       limitBytes: Self.maxYAMLBytes) else { return nil }
        let entries = yamlEntries(String(decoding: bytes, as: UTF8.self), log: &log)
        func required(_ key: String) -> (value: String, line: Int)? {
            if let entry = entries[key] { return entry }
            log.add(file, key, "missing key \(key)")
            return nil
        }
        func number(_ key: String, _ range: NumberRange) -> Double? {
            guard let entry = required(key) else { return nil }
            guard let value = Double(entry.value), range.contains(value) else {
                log.add(file, "line \(entry.line) (\(key))", "expected \(range.description), got \"\(entry.value)\"")
                return nil
            }
            return value
        }
        let image = required("image")
        let resolution = number("resolution", .positive(upTo: 100))
        let occupiedThreshold = number("occupied_thresh", NumberRange(lower: 0, upper: 1))
        let freeThreshold = number("free_thresh", NumberRange(lower: 0, upper: 1))
        var negate = false
        if let entry = entries["negate"] {
            switch entry.value {
            case "0", "false": negate = false
            case "1", "true": negate = true
            default: log.add(file, "line \(entry.line) (negate)", "expected 0 or 1, got \"\(entry.value)\"")
            }
        }
        if let entry = entries["mode"], entry.value != "trinary" {
            log.add(file, "line \(entry.line) (mode)", "expected trinary (scale and raw maps are not supported)")
        }
        var origin: Point2?
        if let entry = required("origin") {
            let parts = entry.value.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                .split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 3, let x = parts[0], let y = parts[1], let yaw = parts[2],
               abs(x) <= 50_000, abs(y) <= 50_000, yaw.isFinite {
                if yaw != 0 {
                    log.add(file, "line \(entry.line) (origin)", "rotated maps are not supported, expected yaw 0")
                } else {
                    origin = Point2(x: x, y: y)
                }
            } else {
                log.add(file, "line \(entry.line) (origin)", "expected [x, y, yaw] in metres within 50 km, got "
                        + "\"\(entry.value)\"")
            }
        }
        if let occupiedThreshold, let freeThreshold, freeThreshold > occupiedThreshold {
            log.add(file, "free_thresh", "expected free_thresh <= occupied_thresh")
        }
        guard let image, let resolution, let freeThreshold, let origin else { return nil }
        guard let imageName = MissionPaths.relativeFile(image.value) else {
            log.add(file, "line \(image.line) (image)", "expected a file name inside the mission folder, got "
                    + "\"\(image.value)\"")
            return nil
        }
        let imageFile = (file as NSString).deletingLastPathComponent.isEmpty
            ? imageName : (file as NSString).deletingLastPathComponent + "/" + imageName
        guard let pixels = PGMImage.read(directory.appendingPathComponent(imageFile), name: imageFile, log: &log)
        else { return nil }
        var occupied = [Bool](repeating: true, count: pixels.width * pixels.height)
        let maxValue = Double(pixels.maxValue)
        for imageRow in 0..<pixels.height {
            // Image rows run top to bottom, map rows south to north.
            let mapRow = pixels.height - 1 - imageRow
            for col in 0..<pixels.width {
                let value = Double(pixels.samples[imageRow * pixels.width + col])
                let probability = negate ? value / maxValue : (maxValue - value) / maxValue
                // Occupied (above occupied_thresh) and unknown (between the thresholds) both block.
                occupied[mapRow * pixels.width + col] = !(probability < freeThreshold)
            }
        }
        return OccupancyMap(width: pixels.width, height: pixels.height, resolutionM: resolution, origin: origin,
                            occupied: occupied)
    }

    /// `key: value` lines, without comments and quotes.
    private func yamlEntries(_ text: String, log: inout ProblemLog) -> [String: (value: String, line: Int)] {
        var entries: [String: (value: String, line: Int)] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                log.add(file, "line \(number + 1)", "expected key: value")
                continue
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            entries[key] = (value, number + 1)
        }
        return entries
    }
}

/// A greyscale Netpbm image (P5 binary or P2 text), bounded in size.
struct PGMImage {
    var width: Int
    var height: Int
    var maxValue: Int
    /// Row-major from the top row.
    var samples: [UInt16]

    static func read(_ url: URL, name: String, log: inout ProblemLog) -> PGMImage? {
        guard let bytes = log.readFile(url, name: name, limitBytes: ROSMapDecoder.maxImageBytes) else { return nil }
        return parse(bytes, name: name, log: &log)
    }

    static func parse(_ bytes: [UInt8], name: String, log: inout ProblemLog) -> PGMImage? {
        var position = 0
        func skipSpaceAndComments() {
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
                } else if [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                    position += 1
                } else {
                    return
                }
            }
        }
        func integer() -> Int? {
            skipSpaceAndComments()
            var value = 0, digits = 0
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]),
                  digits < 9 {
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"),
              bytes[1] == UInt8(ascii: "5") || bytes[1] == UInt8(ascii: "2") else {
            log.add(name, "header", "expected a PGM image (magic P5 or P2)")
            return nil
        }
        let binary = bytes[1] == UInt8(ascii: "5")
        position = 2
        guard let width = integer(), let height = integer(), let maxValue = integer() else {
            log.add(name, "header", "expected width, height and maxval after the magic number")
            return nil
        }
        guard width > 0, height > 0, width <= ROSMapDecoder.maxSide, height <= ROSMapDecoder.maxSide,
              width * height <= ROSMapDecoder.maxPixels else {
            log.add(name, "header", "image \(width) x \(height), expected sides of 1 to \(ROSMapDecoder.maxSide) "
                    + "pixels and at most \(ROSMapDecoder.maxPixels) pixels")
            return nil
        }
        guard (1...65_535).contains(maxValue) else {
            log.add(name, "header", "maxval \(maxValue), expected 1 to 65535")
            return nil
        }
        let count = width * height
        var samples = [UInt16](repeating: 0, count: count)
        if binary {
            // Exactly one whitespace byte separates the header from the raster.
            position += 1
            let bytesPerSample = maxValue < 256 ? 1 : 2
            guard bytes.count - position >= count * bytesPerSample else {
                log.add(name, "raster", "\(bytes.count - position) bytes of pixels, expected "
                        + "\(count * bytesPerSample) for \(width) x \(height)")
                return nil
            }
            for index in 0..<count {
                samples[index] = bytesPerSample == 1
                    ? UInt16(bytes[position + index])
                    : UInt16(bytes[position + 2 * index]) << 8 | UInt16(bytes[position + 2 * index + 1])
            }
        } else {
            for index in 0..<count {
                guard let value = integer(), value <= maxValue else {
                    log.add(name, "pixel \(index)", "expected \(count) integers from 0 to \(maxValue)")
                    return nil
                }
                samples[index] = UInt16(value)
            }
        }
        for index in 0..<count where Int(samples[index]) > maxValue {
            log.add(name, "pixel \(index)", "value \(samples[index]) above maxval \(maxValue)")
            return nil
        }
        return PGMImage(width: width, height: height, maxValue: maxValue, samples: samples)
    }
}
