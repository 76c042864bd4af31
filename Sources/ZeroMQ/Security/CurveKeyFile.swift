import Foundation

/// Reads the key files `patrolctl keygen` writes: `NAME.pub` (the Z85 public key on its own line) and
/// `NAME.key` (`public-key: KEY`, `secret-key: KEY`). Lines starting with `#` are comments; a public key file
/// may name its device with a `# device_id: ID` comment, else the file's base name is the id.
public enum CurveKeyFile {
    /// An allowlisted public key and the name it is bound to.
    public struct PublicKey: Sendable, Hashable {
        public var key: String
        /// The `device_id` comment, or the file's base name.
        public var name: String
    }

    /// Files larger than this are not key files (and are not read whole).
    public static let maxFileBytes = 4096

    /// Reads an allowlist entry or a hub's public key.
    /// - Throws: `CurveKeyFileError` naming the file and what was expected.
    public static func readPublicKey(_ file: URL) throws(CurveKeyFileError) -> PublicKey {
        let text = try read(file)
        var key: String?
        var name = file.deletingPathExtension().lastPathComponent
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if let value = value(of: "device_id", in: comment) { name = value }
                continue
            }
            guard key == nil else {
                throw CurveKeyFileError("\(file.path): expected one public key line, found another: '\(line.prefix(60))'")
            }
            key = line
        }
        guard let key else { throw CurveKeyFileError("\(file.path): expected a 40-character Z85 public key line, found none") }
        do {
            try CurveKeyPair.checkKeyText(key, role: "public key")
        } catch {
            throw CurveKeyFileError("\(file.path): \(error)")
        }
        guard !name.isEmpty, name.utf8.count <= 64, name.utf8.allSatisfy(isIDByte) else {
            throw CurveKeyFileError("\(file.path): device id '\(name.prefix(80))': expected 1 to 64 of [A-Za-z0-9_.-]")
        }
        return PublicKey(key: key, name: name)
    }

    /// Reads a key pair (the secret key, and the public key when present).
    /// - Throws: `CurveKeyFileError` naming the file and what was expected; never quoting the secret.
    public static func readKeyPair(_ file: URL) throws(CurveKeyFileError) -> CurveKeyPair {
        let text = try read(file)
        var publicKey: String?
        var secretKey: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let value = value(of: "public-key", in: line) {
                publicKey = value
            } else if let value = value(of: "secret-key", in: line) {
                secretKey = value
            } else {
                throw CurveKeyFileError("\(file.path): expected 'public-key: KEY' or 'secret-key: KEY', got '\(line.prefix(12))...'")
            }
        }
        guard let secretKey else { throw CurveKeyFileError("\(file.path): no 'secret-key: KEY' line") }
        do {
            if let publicKey { return try CurveKeyPair(publicKey: publicKey, secretKey: secretKey) }
            return try CurveKeyPair(secretKey: secretKey)
        } catch {
            // The error may quote the derived public key, never the secret.
            throw CurveKeyFileError("\(file.path): \(error)")
        }
    }

    /// The value of `name: value` or `name = value` in `line`, or nil when the line is something else.
    private static func value(of name: String, in line: String) -> String? {
        guard line.hasPrefix(name) else { return nil }
        let rest = line.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        guard let separator = rest.first, separator == ":" || separator == "=" else { return nil }
        return rest.dropFirst().trimmingCharacters(in: .whitespaces)
    }

    private static func read(_ file: URL) throws(CurveKeyFileError) -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        } catch {
            throw CurveKeyFileError("\(file.path): cannot read key file: \(error.localizedDescription)")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else {
            throw CurveKeyFileError("\(file.path): \(size) bytes; a key file is at most \(maxFileBytes)")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw CurveKeyFileError("\(file.path): cannot read key file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CurveKeyFileError("\(file.path): expected UTF-8 text")
        }
        return text
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}

/// A key file that cannot be used; `message` names the file and what was expected.
public struct CurveKeyFileError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
