// Group commit for public intake: complaints that arrive while a write is on disk go in the next write together.
import DefuseStore
import Fluent
import Vapor

/// Writes queued case openings in batches: one transaction, one statement per table and one sync to disk for
/// everything that arrived while the previous batch was being written. There is no waiting for a batch to fill, so a
/// lone complaint is written at once; under load, batches grow by themselves. A 201 still means "on disk".
actor IntakeQueue {
    static let maximumBatch = 64

    private let database: @Sendable () -> any Database
    private var pending: [(opening: CaseOpening, reply: CheckedContinuation<Case, any Error>)] = []
    private var writing = false

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    func open(_ opening: CaseOpening) async throws -> Case {
        try await withCheckedThrowingContinuation { reply in
            pending.append((opening, reply))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(IntakeQueue.maximumBatch))
            pending.removeFirst(batch.count)
            let db = database()
            let openings = batch.map(\.opening)
            do {
                let cases = try await db.write { db in try await CaseRecords.open(openings, on: db) }
                for (item, record) in zip(batch, cases) { item.reply.resume(returning: record) }
            } catch {
                // One bad complaint must not sink the others: retry each alone, and each gets its own answer.
                for item in batch {
                    do {
                        let record = try await db.write { db in try await CaseRecords.open(item.opening, on: db) }
                        item.reply.resume(returning: record)
                    } catch {
                        item.reply.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}

struct IntakeQueueKey: StorageKey {
    typealias Value = IntakeQueue
}

extension Application {
    var intakeQueue: IntakeQueue {
        guard let queue = storage[IntakeQueueKey.self] else {
            fatalError("configure() sets up the intake queue")
        }
        return queue
    }
}
