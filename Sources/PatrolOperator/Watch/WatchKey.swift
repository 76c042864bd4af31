/// A key press `patrolctl watch` understands, decoded from the terminal's raw input bytes.
public enum WatchKey: Hashable, Sendable {
    case quit
    case pause
    case toggleRoutes
    case zoomIn
    case zoomOut
    case resetView
    case panLeft
    case panRight
    case panUp
    case panDown
    case nextAlert
    case previousAlert
    case acknowledge

    /// Decodes every key in a chunk of raw input; unknown bytes and sequences are skipped.
    ///
    /// Arrows arrive as `ESC [ A..D` (or `ESC O A..D` in application cursor mode), Shift-Tab as `ESC [ Z`.
    /// - Parameter bytes: what one `read` returned.
    /// - Returns: the keys in order.
    public static func decode(_ bytes: [UInt8]) -> [WatchKey] {
        var keys: [WatchKey] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x1B {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "[") || bytes[index] == UInt8(ascii: "O")
                else { continue }
                let final = bytes[index + 1]
                index += 2
                switch final {
                case UInt8(ascii: "A"): keys.append(.panUp)
                case UInt8(ascii: "B"): keys.append(.panDown)
                case UInt8(ascii: "C"): keys.append(.panRight)
                case UInt8(ascii: "D"): keys.append(.panLeft)
                case UInt8(ascii: "Z"): keys.append(.previousAlert)
                default: break
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x03: keys.append(.quit)
            case UInt8(ascii: "p"), UInt8(ascii: " "): keys.append(.pause)
            case UInt8(ascii: "r"): keys.append(.toggleRoutes)
            case UInt8(ascii: "+"), UInt8(ascii: "="): keys.append(.zoomIn)
            case UInt8(ascii: "-"), UInt8(ascii: "_"): keys.append(.zoomOut)
            case UInt8(ascii: "0"): keys.append(.resetView)
            case UInt8(ascii: "h"): keys.append(.panLeft)
            case UInt8(ascii: "l"): keys.append(.panRight)
            case UInt8(ascii: "k"): keys.append(.panUp)
            case UInt8(ascii: "j"): keys.append(.panDown)
            case 0x09, UInt8(ascii: "n"): keys.append(.nextAlert)
            case UInt8(ascii: "N"): keys.append(.previousAlert)
            case UInt8(ascii: "a"): keys.append(.acknowledge)
            default: break
            }
        }
        return keys
    }
}
