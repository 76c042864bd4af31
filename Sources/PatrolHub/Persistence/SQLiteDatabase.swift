import CSQLite
import Foundation

/// An error from SQLite, naming the database file and the statement that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The SQLite result code (`SQLITE_FULL`, `SQLITE_CORRUPT`, ...).
    public var code: Int32
    /// The file the database lives in (":memory:" for none).
    public var path: String
    /// The statement or operation that failed.
    public var statement: String
    /// SQLite's own message.
    public var message: String

    /// True when the disk (or the file size limit) is full: nothing more can be committed.
    public var isDiskFull: Bool { code & 0xff == SQLITE_FULL }
    /// True when the file is not a database or is damaged.
    public var isCorrupt: Bool { code & 0xff == SQLITE_CORRUPT || code & 0xff == SQLITE_NOTADB }

    public var description: String {
        var text = "sqlite error \(code) on \(path) in `\(statement)`: \(message)"
        if isDiskFull { text += " (disk full: observations are no longer acknowledged)" }
        if isCorrupt { text += " (the database file is damaged or not a PatrolHub database)" }
        return text
    }
}

/// One SQLite connection, owned by the hub thread.
///
/// Every `sqlite3_*` call that can fail goes through `check(_:_:)`, which turns a result code into an
/// `SQLiteError` naming the statement (STYLE.md rule 7). Prepared statements are cached by SQL text.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    let path: String
    private var cache: [String: OpaquePointer] = [:]

    /// Opens (creating if needed) the database at `path`.
    init(path: String) throws(SQLiteError) {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        if rc != SQLITE_OK {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            handle = nil
            throw SQLiteError(code: rc, path: path, statement: "open", message: message)
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 2000)
    }

    deinit { close() }

    /// Finalizes every cached statement and closes the connection.
    func close() {
        for statement in cache.values { sqlite3_finalize(statement) }
        cache.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// The gateway: every fallible sqlite3 call's result code passes through here.
    @discardableResult
    func check(_ rc: Int32, _ statement: String, allowing allowed: Set<Int32> = []) throws(SQLiteError) -> Int32 {
        if rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE || allowed.contains(rc) { return rc }
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        throw SQLiteError(code: rc, path: path, statement: statement, message: message)
    }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if let errorMessage { sqlite3_free(errorMessage) }
        try check(rc, sql)
    }

    /// Runs `sql` with `bindings`, calling `row` for each result row.
    func query(_ sql: String, _ bindings: [SQLiteValue] = [], row: (SQLiteRow) throws -> Void = { _ in }) throws {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, value) in bindings.enumerated() {
            try bind(value, at: Int32(index + 1), in: statement, sql: sql)
        }
        while true {
            let rc = try check(sqlite3_step(statement), sql)
            if rc == SQLITE_DONE { break }
            try row(SQLiteRow(statement: statement))
        }
    }

    /// Runs `sql` with `bindings` and no result rows.
    func run(_ sql: String, _ bindings: [SQLiteValue] = []) throws {
        try query(sql, bindings)
    }

    /// The first column of the first row, as an integer (nil if no row).
    func scalar(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int64? {
        var value: Int64?
        try query(sql, bindings) { row in if value == nil { value = row.int(0) } }
        return value
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    private func prepared(_ sql: String) throws(SQLiteError) -> OpaquePointer? {
        if let cached = cache[sql] { return cached }
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil), sql)
        cache[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer?,
                      sql: String) throws(SQLiteError) {
        // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(statement, index)
        case .int(let number): rc = sqlite3_bind_int64(statement, index, number)
        case .double(let number): rc = sqlite3_bind_double(statement, index, number)
        case .text(let text): rc = sqlite3_bind_text(statement, index, text, -1, transient)
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                  Int32(buffer.count), transient)
            }
        }
        try check(rc, sql)
    }
}

/// A value bound to a statement parameter.
enum SQLiteValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
}

/// Read access to the current row of a stepping statement; valid only inside the row callback.
struct SQLiteRow {
    let statement: OpaquePointer?

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        return String(cString: pointer)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
