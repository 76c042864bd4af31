import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal in full-screen mode: raw input (no line editing, no echo), the alternate screen, hidden cursor.
///
/// `enter()` saves the terminal's settings; `restore()` puts them back and leaves the alternate screen, and is
/// safe to call more than once (the watch loop calls it on every way out, Ctrl-C included; `deinit` is the
/// safety net). Ctrl-C still raises SIGINT (ISIG stays on): a handler sets a flag and the loop restores.
public final class TerminalSession {
    public let inputFD: Int32
    public let outputFD: Int32
    private var saved: termios?
    public private(set) var isActive = false

    /// Enters the alternate screen; leaves it, then shows the cursor again (on restore).
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J"
    static let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// - Parameters:
    ///   - inputFD: the terminal to read keys from (standard input).
    ///   - outputFD: the terminal to draw on (standard output).
    public init(inputFD: Int32 = STDIN_FILENO, outputFD: Int32 = STDOUT_FILENO) {
        self.inputFD = inputFD
        self.outputFD = outputFD
    }

    deinit { restore() }

    /// Switches to raw input and the alternate screen.
    /// - Throws: `TerminalError` when the input is not a terminal (e.g. piped).
    public func enter() throws {
        guard !isActive else { return }
        var settings = termios()
        guard tcgetattr(inputFD, &settings) == 0 else {
            throw TerminalError("standard input (fd \(inputFD)) is not a terminal: \(String(cString: strerror(errno)))")
        }
        saved = settings
        var raw = settings
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        // Reads return at once with whatever is there; the loop polls before reading.
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(inputFD, TCSAFLUSH, &raw) == 0 else {
            throw TerminalError("cannot set raw mode on fd \(inputFD): \(String(cString: strerror(errno)))")
        }
        isActive = true
        write(Self.enterSequence)
    }

    /// Leaves the alternate screen and puts the saved settings back; does nothing when not entered.
    public func restore() {
        guard isActive, var settings = saved else { return }
        write(Self.leaveSequence)
        _ = tcsetattr(inputFD, TCSAFLUSH, &settings)
        isActive = false
    }

    /// Writes text to the terminal, all of it (retrying short writes and EINTR).
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(outputFD, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// The terminal's size in columns and rows; 80 x 24 when it cannot be asked.
    public func size() -> (columns: Int, rows: Int) {
        var window = winsize()
        guard ioctl(outputFD, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return (80, 24)
        }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    /// Reads what input is waiting (never blocks: raw mode has VMIN 0).
    public func readAvailable() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(inputFD, $0.baseAddress, $0.count) }
        return count > 0 ? Array(buffer.prefix(count)) : []
    }

    /// A whole frame: cursor home, every line (cleared to its end), no newline after the last so the screen
    /// never scrolls.
    public static func frame(_ lines: [String]) -> String {
        "\u{1B}[H" + lines.joined(separator: "\u{1B}[K\r\n") + "\u{1B}[K"
    }
}

/// Why the terminal could not be set up.
public struct TerminalError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
