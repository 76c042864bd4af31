import Foundation
import PatrolCLI
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// `patrolctl keygen NAME [--dir DIR] [--force]`: writes a CURVE key pair as `NAME.pub` and `NAME.key`.
///
/// File format (read by the hub's `CurveKeyFile`): `#` lines are comments; `NAME.pub` holds the 40-character
/// Z85 public key on its own line, `NAME.key` holds `public-key: KEY` and, last, `secret-key: KEY`. The secret
/// file is created with mode 0600 (`open` with `O_EXCL`), so it is never readable by others, even briefly.
public enum KeygenCommand {
    public static let usage = """
        usage: patrolctl keygen NAME [--dir DIR] [--force]
          Writes a CURVE key pair: NAME.pub (Z85 public key, share it) and NAME.key (secret, mode 0600)
          in DIR (default: the current directory). Existing files are kept unless --force.
          The hub's pair is `hub`; copy a device's NAME.pub to KEYS/devices/ (NAME is its device id)
          and an operator's to KEYS/operators/.
        """

    /// - Returns: 0 when both files were written.
    /// - Throws: `UsageError` on bad arguments, `KeygenError` naming the file that could not be written.
    public static func run(arguments: [String]) throws -> Int32 {
        var arguments = CommandLineArguments(arguments)
        if arguments.wantsHelp() {
            print(usage)
            return 0
        }
        let force = arguments.flag("--force")
        let directory = try arguments.option("--dir") ?? "."
        let name = try arguments.positional("NAME")
        try arguments.finish()
        let keys = try CurveKeyPair.generate()
        let written = try write(keys, name: name, directory: URL(fileURLWithPath: directory), force: force)
        print("wrote \(written.publicFile.path) and \(written.secretFile.path) (mode 0600); public key \(keys.publicKey)")
        return 0
    }

    /// Writes `keys` as `NAME.pub` and `NAME.key` in `directory`.
    /// - Parameters:
    ///   - keys: The key pair.
    ///   - name: The base name: letters, digits, `_`, `.`, `-` (it becomes the device id on the hub).
    ///   - directory: An existing folder.
    ///   - force: Replace existing files instead of refusing.
    /// - Returns: The two files written.
    /// - Throws: `KeygenError` naming the file or name that was refused.
    @discardableResult
    public static func write(_ keys: CurveKeyPair, name: String, directory: URL,
                             force: Bool) throws -> (publicFile: URL, secretFile: URL) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        guard !name.isEmpty, name.count <= 64, name.allSatisfy(allowed.contains), !name.hasPrefix(".") else {
            throw KeygenError("key name '\(name)': expected 1 to 64 of [A-Za-z0-9_.-], not starting with '.'")
        }
        let publicFile = directory.appendingPathComponent("\(name).pub")
        let secretFile = directory.appendingPathComponent("\(name).key")
        if !force {
            // Check both first so that a refusal leaves nothing half written.
            for file in [publicFile, secretFile] where FileManager.default.fileExists(atPath: file.path) {
                throw KeygenError("\(file.path) exists; use --force to replace it")
            }
        }
        let publicText = """
            # CURVE public key of '\(name)' (patrolctl keygen); share it: the hub allowlists it
            # in KEYS/devices/ (device id: \(name)) or KEYS/operators/.
            \(keys.publicKey)

            """
        let secretText = """
            # CURVE secret key of '\(name)' (patrolctl keygen); keep it private.
            public-key: \(keys.publicKey)
            secret-key: \(keys.secretKey)

            """
        try create(secretFile, contents: secretText, mode: 0o600)
        try create(publicFile, contents: publicText, mode: 0o644)
        return (publicFile, secretFile)
    }

    /// Creates `file` afresh with `mode`: an existing file is unlinked first (never reopened, so its old
    /// permissions cannot leak into the new one) and `O_EXCL` refuses a file that appears meanwhile.
    private static func create(_ file: URL, contents: String, mode: mode_t) throws {
        if unlink(file.path) != 0 && errno != ENOENT {
            throw KeygenError("\(file.path): cannot replace: \(String(cString: strerror(errno)))")
        }
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else {
            throw KeygenError("\(file.path): cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // The umask may only have removed bits; set exactly the mode asked for.
        guard fchmod(descriptor, mode) == 0 else {
            throw KeygenError("\(file.path): cannot set mode \(String(mode, radix: 8)): \(String(cString: strerror(errno)))")
        }
        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw KeygenError("\(file.path): cannot write: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(descriptor) == 0 else {
            throw KeygenError("\(file.path): cannot sync: \(String(cString: strerror(errno)))")
        }
    }
}

/// Why `patrolctl keygen` could not write a key pair, naming the file or name.
public struct KeygenError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
