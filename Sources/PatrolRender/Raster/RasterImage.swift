/// A decoded or rendered image: rows top to bottom, pixels left to right, 8 bits per channel.
public struct RasterImage: Equatable, Sendable {
    /// The channel layout of `bytes`.
    public enum PixelFormat: Equatable, Sendable {
        case rgb8
        case rgba8

        public var bytesPerPixel: Int { self == .rgb8 ? 3 : 4 }
        /// The PNG colour type (IHDR): 2 truecolour, 6 truecolour with alpha.
        public var pngColorType: UInt8 { self == .rgb8 ? 2 : 6 }
    }

    public var width: Int
    public var height: Int
    public var format: PixelFormat
    /// `height * width * format.bytesPerPixel` bytes.
    public var bytes: [UInt8]

    /// - Throws: `RenderError` when the size is not positive or `bytes` has the wrong length.
    public init(width: Int, height: Int, format: PixelFormat, bytes: [UInt8]) throws {
        guard width > 0, height > 0 else {
            throw RenderError("image size \(width)x\(height): expected positive width and height")
        }
        guard bytes.count == width * height * format.bytesPerPixel else {
            throw RenderError("image \(width)x\(height) \(format): expected \(width * height * format.bytesPerPixel) "
                + "bytes, got \(bytes.count)")
        }
        self.width = width
        self.height = height
        self.format = format
        self.bytes = bytes
    }

    /// For sizes already known to match (the canvas builds its own buffers).
    init(validatedWidth width: Int, height: Int, format: PixelFormat, bytes: [UInt8]) {
        self.width = width
        self.height = height
        self.format = format
        self.bytes = bytes
    }

    /// The pixel at column `x`, row `y` (0 is the top row); opaque for RGB images.
    public func pixel(x: Int, y: Int) -> RGBA {
        let offset = (y * width + x) * format.bytesPerPixel
        return RGBA(bytes[offset], bytes[offset + 1], bytes[offset + 2], format == .rgba8 ? bytes[offset + 3] : 255)
    }
}
