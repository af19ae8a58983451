// The background job that keeps promises honest: every interval it finds overdue commitments, alerts their owners
// and escalates to managers. Safe with several instances on one database: each commitment is claimed once.
import DefuseStore
import Vapor

enum CommitmentScheduler {
    static func start(_ app: Application) {
        let interval = app.defuseConfig.schedulerInterval
        guard interval > 0 else { return }
        app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: .seconds(Int64(interval))) { _ in
            app.eventLoopGroup.next().makeFutureWithTask { await sweep(app) }
        }
    }

    static func sweep(_ app: Application, now: Date = Date()) async {
        do {
            let handled = try await CommitmentRecords.sweepOverdue(now: now, on: app.db)
            if !handled.isEmpty { app.logger.notice("\(handled.count) overdue promise(s): owners alerted, managers told") }
        } catch {
            app.logger.error("the overdue-promise sweep failed: \(String(describing: error))")
        }
    }
}
