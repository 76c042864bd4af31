import CZlib

/// Reads the PNG files `PNGEncoder` writes (8-bit truecolour, with or without alpha, not interlaced, any
/// filter), checking every chunk's CRC; used to verify renders and in tests.
public enum PNGDecoder {
    /// Decodes a complete PNG file.
    /// - Throws: `RenderError` naming the chunk or field that is wrong and what was expected.
    public static func decode(_ file: [UInt8]) throws -> RasterImage {
        guard file.count >= 8, Array(file[0..<8]) == PNGEncoder.signature else {
            throw RenderError("PNG: expected the 8-byte PNG signature at the start of the file")
        }
        var offset = 8
        var width = 0, height = 0
        var format: RasterImage.PixelFormat?
        var compressed: [UInt8] = []
        var sawEnd = false
        while offset < file.count, !sawEnd {
            guard offset + 12 <= file.count else { throw RenderError("PNG: truncated chunk at byte \(offset)") }
            let length = Int(readUInt32(file, at: offset))
            let type = Array(file[(offset + 4)..<(offset + 8)])
            let name = String(decoding: type, as: UTF8.self)
            guard offset + 12 + length <= file.count else {
                throw RenderError("PNG: chunk \(name) at byte \(offset) runs past the end of the file")
            }
            let data = Array(file[(offset + 8)..<(offset + 8 + length)])
            let stored = readUInt32(file, at: offset + 8 + length)
            let computed = PNGEncoder.crc(type: type, data: data)
            guard stored == computed else {
                throw RenderError("PNG: chunk \(name) at byte \(offset): CRC \(stored) stored, \(computed) computed")
            }
            switch name {
            case "IHDR":
                guard length == 13 else { throw RenderError("PNG: IHDR length \(length), expected 13") }
                width = Int(readUInt32(data, at: 0))
                height = Int(readUInt32(data, at: 4))
                guard data[8] == 8 else { throw RenderError("PNG: IHDR bit depth \(data[8]), expected 8") }
                switch data[9] {
                case 2: format = .rgb8
                case 6: format = .rgba8
                default: throw RenderError("PNG: IHDR colour type \(data[9]), expected 2 (RGB) or 6 (RGBA)")
                }
                guard data[12] == 0 else { throw RenderError("PNG: IHDR interlace \(data[12]), expected 0") }
            case "IDAT":
                compressed += data
            case "IEND":
                sawEnd = true
            default:
                break
            }
            offset += 12 + length
        }
        guard let format, width > 0, height > 0 else { throw RenderError("PNG: expected an IHDR chunk first") }
        guard sawEnd else { throw RenderError("PNG: expected an IEND chunk at the end") }

        let stride = width * format.bytesPerPixel
        let filtered = try inflate(compressed, expectedCount: (stride + 1) * height)
        return try RasterImage(width: width, height: height, format: format,
                               bytes: unfilter(filtered, stride: stride, height: height, bpp: format.bytesPerPixel))
    }

    private static func inflate(_ data: [UInt8], expectedCount: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expectedCount)
        var length = uLongf(expectedCount)
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(length) == expectedCount else {
            throw RenderError("PNG: IDAT inflates to \(length) bytes with zlib status \(status), "
                + "expected \(expectedCount) bytes")
        }
        return output
    }

    private static func unfilter(_ data: [UInt8], stride: Int, height: Int, bpp: Int) throws -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = data[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for index in 0..<stride {
                let x = data[source + index]
                let a = index >= bpp ? pixels[target + index - bpp] : 0
                let b = row > 0 ? pixels[target - stride + index] : 0
                let c = index >= bpp && row > 0 ? pixels[target - stride + index - bpp] : 0
                switch filter {
                case 0: pixels[target + index] = x
                case 1: pixels[target + index] = x &+ a
                case 2: pixels[target + index] = x &+ b
                case 3: pixels[target + index] = x &+ UInt8((Int(a) + Int(b)) / 2)
                case 4: pixels[target + index] = x &+ PNGEncoder.paeth(a, b, c)
                default: throw RenderError("PNG: row \(row) has filter type \(filter), expected 0 to 4")
                }
            }
        }
        return pixels
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}
