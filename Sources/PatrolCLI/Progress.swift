import Foundation

/// A progress line on standard error for work that takes more than a second or two.
///
/// Redraws in place on a terminal (carriage return) at most a few times a second; prints plain lines
/// at a slower rate when stderr is a file or pipe, so logs stay readable.
public final class Progress {
    private let label: String
    private let isTerminal: Bool
    private let minimumIntervalS: Double
    private var lastDrawS = 0.0
    private var drewInPlace = false

    /// - Parameters:
    ///   - label: what the work is, e.g. "planning plaza".
    ///   - minimumIntervalS: the least time between two redraws; pipes get at least 5 s.
    public init(_ label: String, minimumIntervalS: Double = 0.25) {
        self.label = label
        self.isTerminal = isatty(STDERR_FILENO) != 0
        self.minimumIntervalS = isTerminal ? minimumIntervalS : max(minimumIntervalS, 5)
    }

    /// Shows `fraction` done (0...1) and a short status; cheap to call often.
    public func update(fraction: Double, status: String = "") {
        let nowS = Date().timeIntervalSince1970
        guard nowS - lastDrawS >= minimumIntervalS else { return }
        lastDrawS = nowS
        draw(Self.line(label: label, fraction: fraction, status: status))
    }

    /// Ends the progress line with a final status.
    public func finish(_ status: String = "done") {
        draw(Self.line(label: label, fraction: 1, status: status))
        if drewInPlace { FileHandle.standardError.write(Data("\n".utf8)) }
        drewInPlace = false
    }

    /// The text of one progress line: label, a 20-column bar, percentage and status.
    public static func line(label: String, fraction: Double, status: String) -> String {
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let filled = Int((clamped * 20).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
        let percent = Int((clamped * 100).rounded(.down))
        return "\(label) [\(bar)] \(percent)%" + (status.isEmpty ? "" : "  \(status)")
    }

    private func draw(_ text: String) {
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            drewInPlace = true
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
