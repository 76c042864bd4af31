/// A colour with straight (not premultiplied) alpha, 8 bits per channel.
public struct RGBA: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    /// 0 is fully transparent, 255 opaque.
    public var a: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// A colour from `0xRRGGBB`, opaque.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    public static let white = RGBA(255, 255, 255)
    public static let black = RGBA(0, 0, 0)
    public static let clear = RGBA(0, 0, 0, 0)

    /// The same colour with alpha `opacity` in [0, 1].
    public func withOpacity(_ opacity: Double) -> RGBA {
        RGBA(r, g, b, UInt8((max(0, min(1, opacity)) * 255).rounded()))
    }

    /// Linear interpolation towards `other`: `t` = 0 gives `self`, 1 gives `other`.
    public func mixed(with other: RGBA, _ t: Double) -> RGBA {
        let k = max(0, min(1, t))
        func lerp(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) + (Double(y) - Double(x)) * k).rounded()) }
        return RGBA(lerp(r, other.r), lerp(g, other.g), lerp(b, other.b), lerp(a, other.a))
    }

    /// `#rrggbb`, as SVG and CSS write it (alpha goes in a separate opacity attribute).
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for channel in [r, g, b] {
            text.append(digits[Int(channel >> 4)])
            text.append(digits[Int(channel & 0xF)])
        }
        return text
    }

    /// Alpha as a fraction in [0, 1].
    public var opacity: Double { Double(a) / 255 }

    public var description: String { a == 255 ? hexString : "\(hexString)@\(a)" }
}
