import Foundation
import Testing
@testable import PatrolOperator
#if canImport(Glibc)
import Glibc
#endif

/// The terminal set-up and restoration, on a real pseudo-terminal.
@Suite struct TerminalSessionTests {
    /// Opens a pseudo-terminal pair: (controller, the terminal side the session drives).
    ///
    /// Glibc's Swift module hides `posix_openpt`/`grantpt`/`ptsname`, so this does what they do on Linux:
    /// open `/dev/ptmx`, unlock it (`TIOCSPTLCK`) and open `/dev/pts/N` (`TIOCGPTN`).
    static func openPTY() throws -> (controller: Int32, terminal: Int32) {
        let ioctlGetPTYNumber: UInt = 0x8004_5430  // TIOCGPTN, _IOR('T', 0x30, unsigned int)
        let ioctlSetPTYLock: UInt = 0x4004_5431  // TIOCSPTLCK, _IOW('T', 0x31, int)
        let controller = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard controller >= 0 else { throw TerminalError("/dev/ptmx: \(String(cString: strerror(errno)))") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(controller, ioctlSetPTYLock, &unlock) == 0, ioctl(controller, ioctlGetPTYNumber, &number) == 0
        else {
            close(controller)
            throw TerminalError("/dev/ptmx: cannot unlock: \(String(cString: strerror(errno)))")
        }
        let terminal = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard terminal >= 0 else {
            close(controller)
            throw TerminalError("/dev/pts/\(number): \(String(cString: strerror(errno)))")
        }
        return (controller, terminal)
    }

    /// Everything the session wrote so far, read from the controller side.
    static func drain(_ controller: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var pollFD = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        while poll(&pollFD, 1, 50) > 0 {
            let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer.prefix(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func enterMakesInputRawAndRestorePutsEverythingBack() throws {
        let pty = try Self.openPTY()
        defer { close(pty.controller); close(pty.terminal) }
        var before = termios()
        #expect(tcgetattr(pty.terminal, &before) == 0)
        #expect(before.c_lflag & tcflag_t(ICANON) != 0)

        let session = TerminalSession(inputFD: pty.terminal, outputFD: pty.terminal)
        try session.enter()
        var raw = termios()
        #expect(tcgetattr(pty.terminal, &raw) == 0)
        #expect(raw.c_lflag & tcflag_t(ICANON | ECHO) == 0)
        // Ctrl-C must still raise SIGINT so the handler can ask the loop to restore.
        #expect(raw.c_lflag & tcflag_t(ISIG) != 0)
        #expect(Self.drain(pty.controller).contains("\u{1B}[?1049h"))

        session.restore()
        var after = termios()
        #expect(tcgetattr(pty.terminal, &after) == 0)
        #expect(after.c_lflag == before.c_lflag)
        #expect(after.c_iflag == before.c_iflag)
        let leaving = Self.drain(pty.controller)
        #expect(leaving.contains("\u{1B}[?1049l"))
        #expect(leaving.contains("\u{1B}[?25h"))

        // A second restore (the loop's defer after a Ctrl-C path already restored) writes nothing.
        session.restore()
        #expect(Self.drain(pty.controller).isEmpty)
        #expect(!session.isActive)
    }

    @Test func keysTypedOnTheTerminalAreReadWithoutWaitingForEnter() throws {
        let pty = try Self.openPTY()
        defer { close(pty.controller); close(pty.terminal) }
        let session = TerminalSession(inputFD: pty.terminal, outputFD: pty.terminal)
        try session.enter()
        defer { session.restore() }
        #expect(session.readAvailable().isEmpty)
        let typed: [UInt8] = [UInt8(ascii: "p"), 0x1B, 0x5B, 0x43, UInt8(ascii: "q")]
        _ = typed.withUnsafeBytes { write(pty.controller, $0.baseAddress, $0.count) }
        var pollFD = pollfd(fd: pty.terminal, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pollFD, 1, 1000) == 1)
        #expect(WatchKey.decode(session.readAvailable()) == [.pause, .panRight, .quit])
    }

    @Test func enteringOnSomethingThatIsNotATerminalFailsWithoutChangingIt() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let session = TerminalSession(inputFD: fds[0], outputFD: fds[1])
        #expect(throws: TerminalError.self) { try session.enter() }
        #expect(!session.isActive)
    }

    @Test func theInterruptFlagIsSetBySIGINTAndCleared() {
        WatchInterrupt.install()
        defer { WatchInterrupt.uninstall() }
        #expect(!WatchInterrupt.isRequested)
        // To the process, as a terminal's Ctrl-C is: any thread that does not block SIGINT runs the handler.
        kill(getpid(), SIGINT)
        let deadline = Date().addingTimeInterval(1)
        while !WatchInterrupt.isRequested, Date() < deadline { usleep(1000) }
        #expect(WatchInterrupt.isRequested)
        WatchInterrupt.install()
        #expect(!WatchInterrupt.isRequested)
    }
}
