import Foundation
import PatrolCore
@testable import PatrolRender
import Testing

/// A deterministic image mixing flat areas, gradients and noise, so every PNG filter gets chosen somewhere.
func sampleImage(width: Int, height: Int, format: RasterImage.PixelFormat, seed: UInt64) throws -> RasterImage {
    var random = SeededRandom(seed: seed)
    var bytes: [UInt8] = []
    for y in 0..<height {
        for x in 0..<width {
            let pixel: [UInt8]
            switch y % 4 {
            case 0: pixel = [200, 40, 40, 255]
            case 1: pixel = [UInt8(x % 256), UInt8(y % 256), UInt8((x + y) % 256), UInt8(255 - x % 256)]
            case 2: pixel = [UInt8(truncatingIfNeeded: random.next()), UInt8(truncatingIfNeeded: random.next()),
                             UInt8(truncatingIfNeeded: random.next()), UInt8(truncatingIfNeeded: random.next())]
            default: pixel = [UInt8(x * 3 % 256), UInt8(x * 3 % 256), 90, 128]
            }
            bytes += pixel.prefix(format.bytesPerPixel)
        }
    }
    return try RasterImage(width: width, height: height, format: format, bytes: bytes)
}

/// The interpreter the cross-checks use: `$PATROLHUB_PYTHON`, else `python3` on PATH.
let pythonPath: String? = {
    if let configured = ProcessInfo.processInfo.environment["PATROLHUB_PYTHON"], !configured.isEmpty {
        return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/python3"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}()

/// Runs an inline Python script with arguments and returns its exit status and standard output.
func runPython(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: pythonPath ?? "/usr/bin/python3")
    process.arguments = ["-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("PNG encoder")
struct PNGTests {
    @Test("CRC-32 of the IEND chunk is the value every PNG file ends with")
    func iendCRC() {
        #expect(PNGEncoder.crc(type: Array("IEND".utf8), data: []) == 0xAE42_6082)
    }

    @Test("encoded images decode back to the same pixels", arguments: [RasterImage.PixelFormat.rgb8, .rgba8])
    func roundTrip(format: RasterImage.PixelFormat) throws {
        let image = try sampleImage(width: 97, height: 61, format: format, seed: 7)
        let file = try PNGEncoder.encode(image)
        #expect(Array(file.prefix(8)) == PNGEncoder.signature)
        let decoded = try PNGDecoder.decode(file)
        #expect(decoded == image)
    }

    @Test("rows pick different filters and the Paeth predictor follows the specification")
    func filtersVary() throws {
        let image = try sampleImage(width: 64, height: 32, format: .rgba8, seed: 3)
        let filtered = PNGEncoder.filterRows(of: image)
        let stride = 64 * 4 + 1
        let types = Set((0..<32).map { filtered[$0 * stride] })
        #expect(types.count >= 2)
        #expect(types.isSubset(of: [0, 1, 2, 3, 4]))
        #expect(PNGEncoder.paeth(10, 20, 15) == 15)
        #expect(PNGEncoder.paeth(10, 20, 30) == 10)
        #expect(PNGEncoder.paeth(50, 20, 10) == 50)
    }

    @Test("a flipped byte is caught by the chunk CRC, naming the chunk")
    func corruptionCaught() throws {
        var file = try PNGEncoder.encode(try sampleImage(width: 16, height: 16, format: .rgb8, seed: 1))
        file[50] ^= 0xFF
        #expect {
            try PNGDecoder.decode(file)
        } throws: { error in
            (error as? RenderError)?.message.contains("IDAT") == true
        }
    }

    @Test("Python's zlib reads our PNG: CRCs, size and every pixel",
          .enabled(if: pythonPath != nil, "no python3 on PATH and PATROLHUB_PYTHON unset: cross-check skipped"))
    func pythonAgrees() throws {
        let image = try sampleImage(width: 53, height: 29, format: .rgba8, seed: 11)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try PNGEncoder.write(image, to: url)
        let script = """
            import sys, zlib, struct
            b = open(sys.argv[1], "rb").read()
            assert b[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "signature"
            i = 8; idat = b""; w = h = ct = 0
            while i < len(b):
                n, = struct.unpack(">I", b[i:i+4]); t = b[i+4:i+8]; c = b[i+8:i+8+n]
                assert zlib.crc32(t + c) & 0xffffffff == struct.unpack(">I", b[i+8+n:i+12+n])[0], "crc " + t.decode()
                if t == b"IHDR": w, h = struct.unpack(">II", c[:8]); ct = c[9]
                if t == b"IDAT": idat += c
                i += 12 + n
            raw = zlib.decompress(idat); bpp = 4 if ct == 6 else 3; s = w * bpp
            out = bytearray(); prev = bytearray(s)
            for r in range(h):
                f = raw[r * (s + 1)]; line = bytearray(raw[r * (s + 1) + 1:(r + 1) * (s + 1)])
                for x in range(s):
                    a = line[x - bpp] if x >= bpp else 0; up = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                    if f == 1: line[x] = (line[x] + a) & 255
                    elif f == 2: line[x] = (line[x] + up) & 255
                    elif f == 3: line[x] = (line[x] + (a + up) // 2) & 255
                    elif f == 4:
                        p = a + up - c; pa = abs(p - a); pb = abs(p - up); pc = abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
                out += line; prev = line
            print(w, h, ct, bytes(out).hex())
            """
        let result = try runPython(script, arguments: [url.path])
        #expect(result.status == 0, "python: \(result.output)")
        let expectedHex = image.bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "53 29 6 \(expectedHex)")
    }
}
