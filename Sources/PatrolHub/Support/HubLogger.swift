import Foundation

/// Structured log lines: one JSON object per line on stderr, `{"ts":…,"level":…,"msg":…,…fields}`.
struct HubLogger {
    var level: LogLevel
    /// Where lines go; stderr unless a test captures them.
    var sink: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }

    init(level: LogLevel) {
        self.level = level
    }

    func log(_ lineLevel: LogLevel, _ message: String, timeMS: Int64, _ fields: [String: any Sendable] = [:]) {
        guard lineLevel >= level else { return }
        sink(Self.line(lineLevel, message, timeMS: timeMS, fields))
    }

    /// The JSON text of one line; keys sorted after `ts`, `level`, `msg` so lines are stable.
    static func line(_ level: LogLevel, _ message: String, timeMS: Int64, _ fields: [String: any Sendable]) -> String {
        var text = "{\"ts\":\(timeMS),\"level\":\"\(level)\",\"msg\":\(quoted(message))"
        for key in fields.keys.sorted() {
            text += ",\(quoted(key)):"
            switch fields[key] {
            case let value as Int: text += String(value)
            case let value as Int64: text += String(value)
            case let value as UInt64: text += String(value)
            case let value as Double: text += value.isFinite ? String(value) : "null"
            case let value as Bool: text += value ? "true" : "false"
            case let value?: text += quoted(String(describing: value))
            case nil: text += "null"
            }
        }
        return text + "}"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
