// One write transaction per operation, safe under concurrent writers on SQLite and PostgreSQL.
import Fluent
import SQLKit

extension Database {
    /// Runs `work` in one transaction and retries it (up to three times) when a unique constraint was hit by a
    /// concurrent writer, e.g. two first complaints from the same new email arriving together.
    ///
    /// On SQLite, writes from this process take turns through `SQLiteWriteTurn` and start with `BEGIN IMMEDIATE`:
    /// SQLite allows one writer at a time anyway, and waiting in line is much cheaper than SQLite's busy handler,
    /// which sleeps in steps of up to 100 ms. A deferred transaction that read first would also fail outright with
    /// SQLITE_BUSY_SNAPSHOT when another connection committed in between.
    public func write<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await writeOnce(work)
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 3 {
                attempt += 1
            }
        }
    }

    private func writeOnce<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite", !inTransaction else {
            return try await transaction(work)
        }
        return try await SQLiteWriteTurn.shared.take {
            try await withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await work(connection)
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }
}

/// Lets one SQLite write transaction of this process run at a time, first come first served.
actor SQLiteWriteTurn {
    static let shared = SQLiteWriteTurn()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty {
                busy = false
            } else {
                waiting.removeFirst().resume()
            }
        }
        return try await work()
    }
}
