import Foundation
import ZeroMQ

/// The public keys admitted by the hub: `DIR/devices/*.pub` (key -> device id) and `DIR/operators/*.pub`
/// (key -> operator name), loaded whole so that a reload either replaces the list or changes nothing.
struct KeyAllowlist: Sendable, Equatable {
    /// Z85 public key -> the device id it is bound to.
    var devices: [String: String] = [:]
    /// Z85 public key -> the operator's name.
    var operators: [String: String] = [:]

    /// More files than this in one folder is not a key allowlist (and would make every reload slow).
    static let maxFiles = 10_000

    /// Loads both folders; a missing folder is an empty list.
    /// - Throws: `HubError` naming the first unreadable or malformed file, or a key listed twice with
    ///   different device ids.
    init(directory: URL) throws {
        devices = try Self.load(directory.appendingPathComponent("devices"))
        operators = try Self.load(directory.appendingPathComponent("operators"))
    }

    private static func load(_ folder: URL) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [:] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw HubError("\(folder.path): cannot list the key folder: \(error.localizedDescription)")
        }
        let files = names.filter { $0.hasSuffix(".pub") && !$0.hasPrefix(".") }.sorted()
        guard files.count <= maxFiles else {
            throw HubError("\(folder.path): \(files.count) key files; expected at most \(maxFiles)")
        }
        var keys: [String: String] = [:]
        for name in files {
            let entry = try CurveKeyFile.readPublicKey(folder.appendingPathComponent(name))
            if let other = keys[entry.key], other != entry.name {
                throw HubError("\(folder.appendingPathComponent(name).path): key \(entry.key) is already bound to "
                               + "'\(other)'; one key binds one id")
            }
            keys[entry.key] = entry.name
        }
        return keys
    }
}
