/// The colour and weight of one character on the watch screen, as an ANSI SGR parameter string.
public enum WatchStyle: String, Hashable, Sendable {
    case plain = "0"
    case dim = "2"
    case bold = "1"
    case title = "1;37;44"
    case fresh = "32"
    case aging = "33"
    case stale = "31"
    case blind = "1;35"
    case building = "37;100"
    case boundary = "90"
    case route = "1;34"
    case deviceActive = "1;92"
    case deviceBusy = "1;96"
    case deviceHome = "1;94"
    case deviceHold = "1;93"
    case deviceDown = "1;91"
    case alertCritical = "1;97;41"
    case alertWarning = "1;30;43"
    case alertInfo = "1;36"
    case selected = "7"
    case error = "1;93;41"
    case ok = "1;32"
}

/// One screen line: characters with a style each.
public struct WatchLine: Hashable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var styles: [WatchStyle]

    /// A blank line `width` columns wide.
    public init(width: Int) {
        characters = Array(repeating: " ", count: max(0, width))
        styles = Array(repeating: .plain, count: max(0, width))
    }

    public var width: Int { characters.count }

    /// Writes `text` from column `column`, clipped to the line.
    public mutating func put(_ text: String, at column: Int, style: WatchStyle = .plain) {
        var index = column
        for character in text {
            if index >= width { break }
            if index >= 0 {
                characters[index] = character
                styles[index] = style
            }
            index += 1
        }
    }

    /// The text without colours (tests, logs).
    public var plain: String { String(characters) }

    /// The text with ANSI SGR colour changes, ending in a reset.
    public var ansi: String {
        var out = ""
        var current = WatchStyle.plain
        for (character, style) in zip(characters, styles) {
            if style != current {
                out += "\u{1B}[0;\(style.rawValue)m"
                current = style
            }
            out.append(character)
        }
        if current != .plain { out += "\u{1B}[0m" }
        return out
    }
}
