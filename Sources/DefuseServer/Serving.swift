// Runs the HTTP server until SIGTERM or Ctrl-C, then finishes the requests in flight and closes the database.
import Dispatch
import NIOCore
import Vapor

public enum Serving {
    public static func run(_ app: Application) async throws {
        let config = app.defuseConfig
        do {
            try await app.server.start(address: .hostname(config.host, port: config.port))
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ConfigError("port \(config.port) on \(config.host) is already in use (--port, DEFUSE_PORT)")
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL || error.errnoCode == EACCES {
            throw ConfigError("cannot listen on \(config.host):\(config.port): \(error.description) (--host, --port)")
        } catch let error as SocketAddressError {
            throw ConfigError("--host (DEFUSE_HOST) '\(config.host)' cannot be resolved: \(error)")
        } catch {
            throw ConfigError("cannot listen on \(config.host):\(config.port): \(error) (--host, --port)")
        }
        DatabaseTuning.scheduleStatistics(app)
        CommitmentScheduler.start(app)
        app.logger.notice("Defuse is serving on http://\(config.host):\(config.port) (\(config.databaseDescription))")

        let (signals, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGTERM, SIGINT].map { code in
            let source = DispatchSource.makeSignalSource(signal: code, queue: .global())
            source.setEventHandler { continuation.yield(code) }
            source.resume()
            return source
        }
        for await code in signals {
            app.logger.notice("received \(code == SIGTERM ? "SIGTERM" : "SIGINT"); finishing requests in flight")
            break
        }
        sources.forEach { $0.cancel() }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
