// Runs a real Defuse server on a free loopback port, on a temp-file SQLite or (with DEFUSE_TEST_DATABASE_URL) on
// PostgreSQL in a schema of its own, and sends real HTTP requests to it.
@testable import DefuseServer
import DefuseStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

struct TestServer {
    let app: Application
    let port: Int

    struct Reply {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: Data

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request; `json` is encoded for you, `raw` is sent byte for byte.
    func send(
        _ method: HTTPMethod, _ path: String, json: Any? = nil, raw: Data? = nil, token: String? = nil,
        contentType: String? = "application/json", cookies: [String: String] = [:], headers extra: [String: String] = [:]
    ) async throws -> Reply {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            body = ByteBuffer(data: raw)
        }
        if body != nil, let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let request = ClientRequest(
            method: method, url: URI(string: "http://127.0.0.1:\(port)\(path)"), headers: headers, body: body)
        let response = try await app.client.send(request)
        let data = response.body.map { Data(buffer: $0) } ?? Data()
        return Reply(status: response.status, headers: response.headers, body: data)
    }

    /// Creates an agent with a token directly in the store, the way `defuse agents add` and `tokens create` do.
    func agentToken(role: String, email: String? = nil) async throws -> String {
        let address = email ?? "\(role)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        _ = try await app.db.write { db in
            try await Accounts.createAgent(
                NewAgent(name: "Test \(role.capitalized)", email: address, role: role, languages: ["en"],
                         password: "correct horse battery"),
                hash: { _ in "not-a-real-hash" }, on: db)
        }
        return try await Accounts.issueToken(email: address, label: "test", on: app.db)
    }

    func count<M: Model>(_ model: M.Type) async throws -> Int {
        try await M.query(on: app.db).count()
    }
}

/// Which database the server tests run on.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["DEFUSE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Makes a configured, migrated app serving on a free port; runs `body`; tears everything down on every path.
func withServer(
    intakeRateLimit: Int = 0, _ body: (TestServer) async throws -> Void
) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("defuse-test-\(UUID().uuidString)")
    var schema: String?
    let database: DefuseConfig.Database
    if let url = TestDatabase.postgresURL {
        schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        database = .postgres(url: url, searchPath: schema)
    } else {
        database = .sqlite(path: directory.appendingPathComponent("defuse.sqlite").path)
    }
    let config = DefuseConfig(host: "127.0.0.1", port: 0, dataDirectory: directory.path, database: database,
                              intakeRateLimit: intakeRateLimit, logLevel: .warning)
    let app = try await Application.make(.testing)
    do {
        try await DefuseApp.configure(app, config, migrate: false)
        if let schema, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
        }
        try await app.autoMigrate()
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        // Tests look at redirects themselves (where a page sends you is part of what it does).
        app.http.client.configuration.redirectConfiguration = .disallow
        let port = try #require(app.http.server.shared.localAddress?.port)
        try await body(TestServer(app: app, port: port))
    } catch {
        await tearDown(app, schema: schema, directory: directory)
        throw error
    }
    await tearDown(app, schema: schema, directory: directory)
}

private func tearDown(_ app: Application, schema: String?, directory: URL) async {
    await app.server.shutdown()
    if let schema, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
    try? FileManager.default.removeItem(at: directory)
}

/// A complaint body as a customer's form would send it.
func complaint(
    _ text: String, name: String = "Μαρία Κ.", email: String? = nil, phone: String? = nil, language: String? = nil,
    subject: String? = nil
) -> [String: Any] {
    var customer: [String: Any] = ["name": name]
    if let email { customer["email"] = email }
    if let phone { customer["phone"] = phone }
    if let language { customer["language"] = language }
    var body: [String: Any] = ["customer": customer, "text": text]
    if let subject { body["subject"] = subject }
    return body
}
