import CZlib
import Foundation

/// Writes PNG files (ISO/IEC 15948): 8-bit truecolour with or without alpha, not interlaced, deflated by zlib.
///
/// Each row gets the filter (None, Sub, Up, Average or Paeth) whose output has the smallest sum of
/// absolute values, the heuristic the PNG specification recommends; it makes flat map colours compress well.
public enum PNGEncoder {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes `image` as a complete PNG file.
    /// - Parameter compressionLevel: zlib level, 0 (store) to 9 (smallest).
    /// - Throws: `RenderError` when zlib fails.
    public static func encode(_ image: RasterImage, compressionLevel: Int32 = 6) throws -> [UInt8] {
        var header: [UInt8] = []
        appendUInt32(UInt32(image.width), to: &header)
        appendUInt32(UInt32(image.height), to: &header)
        // Bit depth 8, colour type, deflate, adaptive filtering, no interlace.
        header += [8, image.format.pngColorType, 0, 0, 0]

        let filtered = filterRows(of: image)
        let compressed = try deflate(filtered, level: compressionLevel)

        var file = signature
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", compressed, to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// Encodes `image` and writes it to `url`.
    /// - Throws: `RenderError` naming the file when it cannot be written.
    public static func write(_ image: RasterImage, to url: URL) throws {
        let bytes = try encode(image)
        do {
            try Data(bytes).write(to: url)
        } catch {
            throw RenderError("\(url.path): cannot write PNG: \(error.localizedDescription)")
        }
    }

    /// The CRC-32 of the PNG chunk type and data, computed by zlib.
    public static func crc(type: [UInt8], data: [UInt8]) -> UInt32 {
        var value = crc32(0, nil, 0)
        value = type.withUnsafeBufferPointer { crc32(value, $0.baseAddress, uInt($0.count)) }
        value = data.withUnsafeBufferPointer { crc32(value, $0.baseAddress, uInt($0.count)) }
        return UInt32(value)
    }

    // MARK: Filtering

    /// Each row prefixed by its filter type byte.
    static func filterRows(of image: RasterImage) -> [UInt8] {
        let bpp = image.format.bytesPerPixel
        let stride = image.width * bpp
        var output = [UInt8]()
        output.reserveCapacity((stride + 1) * image.height)
        var candidates = [[UInt8]](repeating: [UInt8](repeating: 0, count: stride), count: 5)
        let zeroRow = [UInt8](repeating: 0, count: stride)
        image.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<image.height {
                let current = UnsafeBufferPointer(rebasing: bytes[(row * stride)..<((row + 1) * stride)])
                var best = 0
                var bestScore = Int.max
                zeroRow.withUnsafeBufferPointer { zero in
                    let previous = row == 0 ? zero
                        : UnsafeBufferPointer(rebasing: bytes[((row - 1) * stride)..<(row * stride)])
                    // A row equal to the one above filters to zeros with Up: nothing can beat that.
                    if row > 0, memcmp(current.baseAddress!, previous.baseAddress!, stride) == 0 {
                        candidates[2].withUnsafeMutableBufferPointer { out in
                            _ = out.initialize(from: repeatElement(0, count: stride))
                        }
                        best = 2
                        return
                    }
                    for filter in 0..<5 {
                        let score = candidates[filter].withUnsafeMutableBufferPointer { out in
                            apply(filter: filter, current: current, previous: previous, bpp: bpp, into: out)
                        }
                        if score < bestScore {
                            bestScore = score
                            best = filter
                        }
                    }
                }
                output.append(UInt8(best))
                output += candidates[best]
            }
        }
        return output
    }

    /// Filters one row and returns the sum of the output bytes read as signed values.
    private static func apply(filter: Int, current: UnsafeBufferPointer<UInt8>, previous: UnsafeBufferPointer<UInt8>,
                              bpp: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = current.count
        // One loop per filter keeps the per-byte work small.
        switch filter {
        case 0:
            for index in 0..<count { out[index] = current[index] }
        case 1:
            for index in 0..<min(bpp, count) { out[index] = current[index] }
            for index in min(bpp, count)..<count { out[index] = current[index] &- current[index - bpp] }
        case 2:
            for index in 0..<count { out[index] = current[index] &- previous[index] }
        case 3:
            for index in 0..<min(bpp, count) { out[index] = current[index] &- previous[index] / 2 }
            for index in min(bpp, count)..<count {
                out[index] = current[index] &- UInt8((UInt16(current[index - bpp]) + UInt16(previous[index])) / 2)
            }
        default:
            for index in 0..<min(bpp, count) { out[index] = current[index] &- previous[index] }
            for index in min(bpp, count)..<count {
                out[index] = current[index] &- paeth(current[index - bpp], previous[index], previous[index - bpp])
            }
        }
        var score = 0
        for index in 0..<count {
            let value = out[index]
            score += value < 128 ? Int(value) : 256 - Int(value)
        }
        return score
    }

    /// The Paeth predictor of the PNG specification.
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    // MARK: zlib and chunks

    private static func deflate(_ data: [UInt8], level: Int32) throws -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count), max(0, min(9, level)))
            }
        }
        guard status == Z_OK else {
            throw RenderError("PNG IDAT: zlib compress2 failed with status \(status)")
        }
        output.removeSubrange(Int(length)...)
        return output
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        appendUInt32(UInt32(data.count), to: &file)
        file += typeBytes
        file += data
        appendUInt32(crc(type: typeBytes, data: data), to: &file)
    }

    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
