// One write transaction per operation, safe under concurrent writers on SQLite and PostgreSQL.
import Fluent
import SQLKit

extension Database {
    /// Runs `work` in one transaction and retries it (up to three times) when a unique constraint was hit by a
    /// concurrent writer, e.g. two first complaints from the same new email arriving together.
    ///
    /// On SQLite the transaction starts with `BEGIN IMMEDIATE`: a deferred transaction that reads first and writes
    /// later fails at once with SQLITE_BUSY_SNAPSHOT when another connection committed in between, while an
    /// immediate one takes the write lock up front and waits its turn under the busy timeout.
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
        return try await withConnection { connection in
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
