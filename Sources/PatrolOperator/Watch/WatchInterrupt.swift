import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT/SIGTERM/SIGHUP handler; the watch loop sees it, restores the terminal and exits.
///
/// A signal handler may only do async-signal-safe things: storing to an atomic is one.
let watchInterruptRequested = Atomic<Bool>(false)

/// Installs the handlers that turn Ctrl-C (and termination) into a request to leave the watch loop.
enum WatchInterrupt {
    static func install() {
        watchInterruptRequested.store(false, ordering: .relaxed)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { _ in watchInterruptRequested.store(true, ordering: .relaxed) }
        }
    }

    /// Puts the default handlers back.
    static func uninstall() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_DFL)
        }
    }

    static var isRequested: Bool { watchInterruptRequested.load(ordering: .relaxed) }
}
