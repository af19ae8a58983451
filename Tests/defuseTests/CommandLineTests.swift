// The command line as a person uses it: parsing, and the built binary run end to end.
@testable import defuse
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The `defuse` binary next to this test bundle.
func defuseBinary() throws -> URL {
    let executable = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    var directory = executable.deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("defuse")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile)
}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Run {
    try run(arguments, bytes: Data(input.utf8), environment: environment)
}

/// Runs the built binary with `bytes` on standard input (raw, so invalid UTF-8 stays invalid).
func run(_ arguments: [String], bytes: Data? = nil, environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = try defuseBinary()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["DATABASE_URL"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let bytes { inPipe.fileHandleForWriting.write(bytes) }
    try inPipe.fileHandleForWriting.close()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
               stderr: String(decoding: stderr, as: UTF8.self))
}

func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("defuse-cli-\(UUID().uuidString)").path
}

@Test func serveOptionsParse() throws {
    let serve = try Serve.parse(["--host", "0.0.0.0", "--port", "9000", "--data-dir", "/tmp/x", "--demo",
                                 "--intake-rate-limit", "0"])
    #expect(serve.host == "0.0.0.0")
    #expect(serve.port == "9000")
    #expect(serve.storage.dataDirectory == "/tmp/x")
    #expect(serve.demo)
    #expect(serve.intakeRateLimit == "0")
}

@Test func agentAndTokenAreCreatedFromTheCommandLine() throws {
    let data = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: data) }
    let added = try run(["agents", "add", "--email", "Zeynep@Example.com", "--name", "Zeynep Kaya", "--role", "manager",
                         "--languages", "tr,en", "--data-dir", data])
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stdout.contains("Added manager Zeynep Kaya <zeynep@example.com>."))
    let password = try #require(added.stdout.split(separator: "\n").first { $0.hasPrefix("Password") })
    #expect(password.split(separator: " ").last?.count == 20)

    let fromStdin = try run(["agents", "add", "--email", "ivan@example.com", "--name", "Ivan", "--role", "agent",
                             "--password-stdin", "--data-dir", data], input: "a very long password\n")
    #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
    #expect(!fromStdin.stdout.contains("Password"))

    let token = try run(["tokens", "create", "--email", "zeynep@example.com", "--label", "zapier", "--data-dir", data])
    #expect(token.status == 0, "\(token.stderr)")
    let lines = token.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("dfs_") == true)
    // Only the token's hash is stored.
    let database = try Data(contentsOf: URL(fileURLWithPath: data + "/defuse.sqlite"))
    #expect(database.range(of: Data(String(lines[0]).utf8)) == nil)

    let list = try run(["agents", "list", "--data-dir", data])
    #expect(list.stdout.contains("zeynep@example.com\tmanager"))
    #expect(list.stdout.contains("ivan@example.com\tagent"))

    let duplicate = try run(["agents", "add", "--email", "zeynep@example.com", "--name", "Z", "--role", "agent",
                             "--data-dir", data])
    #expect(duplicate.status == 1)
    #expect(duplicate.stderr.contains("already exists"))
    let badRole = try run(["agents", "add", "--email", "x@example.com", "--name", "X", "--role", "boss",
                           "--data-dir", data])
    #expect(badRole.status == 1)
    #expect(badRole.stderr.contains("role must be one of: agent, manager, admin"))
    let unknown = try run(["tokens", "create", "--email", "nobody@example.com", "--data-dir", data])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("nobody@example.com was not found"))
}

@Test func wrongSettingsStopStartUpWithOneClearLine() throws {
    let badPort = try run(["serve", "--port", "99999", "--data-dir", temporaryDirectory()])
    #expect(badPort.status == 1)
    #expect(badPort.stderr == "defuse: --port (DEFUSE_PORT) must be a number from 1 to 65535, got '99999'\n")

    let file = temporaryDirectory()
    _ = FileManager.default.createFile(atPath: file, contents: Data("not a directory".utf8))
    defer { try? FileManager.default.removeItem(atPath: file) }
    let unwritable = try run(["migrate", "--data-dir", file + "/inside"])
    #expect(unwritable.status == 1)
    #expect(unwritable.stderr.hasPrefix("defuse: the data directory \(file)/inside cannot be created"))
    #expect(unwritable.stderr.split(separator: "\n").count == 1)

    let unreachable = try run(["migrate"], environment: ["DATABASE_URL": "postgres://defuse:secret@127.0.0.1:1/defuse"])
    #expect(unreachable.status == 1)
    #expect(unreachable.stderr.hasPrefix("defuse: cannot reach the database (PostgreSQL at postgres://defuse:***@127.0.0.1:1/defuse)"))
    #expect(!unreachable.stderr.contains("secret"))
    #expect(unreachable.stderr.split(separator: "\n").count == 1)

    let badURL = try run(["migrate"], environment: ["DATABASE_URL": "mysql://x@y/z"])
    #expect(badURL.status == 1)
    #expect(badURL.stderr.contains("DATABASE_URL must look like postgres://"))
}

@Test func serveAnswersAndStopsCleanlyOnSIGTERM() async throws {
    let data = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: data) }
    let port = Int.random(in: 20_000..<40_000)
    let process = Process()
    process.executableURL = try defuseBinary()
    process.arguments = ["serve", "--port", String(port), "--data-dir", data, "--log-level", "warning"]
    var env = ProcessInfo.processInfo.environment
    env["DATABASE_URL"] = nil
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    var healthy = false
    for _ in 0..<100 where !healthy {
        try await Task.sleep(for: .milliseconds(100))
        if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!) {
            healthy = String(decoding: data, as: UTF8.self).contains("\"ok\"")
        }
    }
    #expect(healthy)
    kill(process.processIdentifier, SIGTERM)
    for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
    #expect(!process.isRunning)
    #expect(process.terminationStatus == 0)
    #expect(FileManager.default.fileExists(atPath: data + "/defuse.sqlite"))
}

@Test func analyzeReadsAMessageOrAStreamOfJSONLines() throws {
    let report = try run(["analyze", "Ο καφές ήταν κρύος. Θέλω τα λεφτά μου πίσω!!"])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("language    el"))
    #expect(report.stdout.contains("refund"))
    #expect(report.stdout.contains("]{"))

    // Three lines, one of them not JSON and one not UTF-8, and no newline after the last.
    var input = Data(#"{"id": 1, "text": "Grabe, 3 weeks na wala pa rin yung refund ko"}"#.utf8)
    input.append(Data("\nnot json\n".utf8))
    input.append(Data([0x7B, 0xFF, 0x7D, 0x0A]))
    input.append(Data(#"{"id": "last", "text": "Спасибо, всё отлично"}"#.utf8))
    let stream = try run(["analyze", "--jsonl"], bytes: input)
    let lines = stream.stdout.split(separator: "\n")
    #expect(stream.status == 0)
    #expect(lines.count == 4)
    #expect(lines[0].contains(#""id":1"#) && lines[0].contains(#""language":"tl""#))
    #expect(lines[1].contains(#""error""#))
    #expect(lines[2].contains(#""error""#))
    #expect(lines[3].contains(#""id":"last""#) && lines[3].contains(#""language":"ru""#))

    let nothing = try run(["analyze"])
    #expect(nothing.status != 0)
}

@Test func coachReviewsADraftOrAStreamOfJSONLines() throws {
    let report = try run(["coach", "Calm down, you should have read the label.",
                          "--customer", "The label was wrong and I'm furious!!"])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.hasPrefix("verdict     revise"))
    #expect(report.stdout.contains("dismissive"))
    #expect(report.stdout.contains("try: "))
    #expect(report.stdout.contains("[Calm down]{dismissive}"))
    #expect(report.stdout.contains("add apology: "))

    var input = Data(#"{"id": 7, "text": "Σας ζητώ συγγνώμη για την καθυστέρηση. Θα σας στείλουμε νέο προϊόν σήμερα.", "context": "Άργησε πάλι η παραγγελία!"}"#.utf8)
    input.append(Data("\n{\"id\": 8}\n".utf8))
    input.append(Data([0x7B, 0xFF, 0x7D, 0x0A]))
    input.append(Data(#"{"id": "x", "text": "ok", "authority_limit": "lots"}"#.utf8))
    let stream = try run(["coach", "--jsonl"], bytes: input)
    let lines = stream.stdout.split(separator: "\n").map(String.init)
    #expect(stream.status == 0)
    #expect(lines.count == 4)
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["id"] as? Int == 7)
    #expect(first["language"] as? String == "el")
    for key in ["flags", "moves", "missing", "findings", "verdict", "summary"] { #expect(first[key] != nil, "\(key)") }
    #expect(lines[1].contains(#""error""#) && lines[1].contains(#""id":8"#))
    #expect(lines[2].contains(#""error""#))
    #expect(lines[3].contains("authority_limit"))

    #expect(try run(["coach"]).status != 0)
    #expect(try run(["coach", "   "]).status != 0)
}
