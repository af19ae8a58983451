// `defuse analyze`: read a customer's message from the command line, or JSON lines from standard input.
import ArgumentParser
import DefuseAnalysis
import Foundation

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a customer's message: language, anger, abuse, threats, churn/public/legal, categories, demands.")

    @Argument(help: "The message. Omit it with --jsonl.")
    var text: String?

    @Flag(help: "Read {\"id\", \"text\"} JSON lines from standard input and write one result line per input.")
    var jsonl = false

    func validate() throws {
        if jsonl, text != nil { throw ValidationError("give either a message or --jsonl, not both") }
        if !jsonl, text == nil { throw ValidationError("give a message to analyse, or --jsonl to read standard input") }
    }

    func run() throws {
        let analyzer = Analyzer.shared
        if let text {
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("the message is empty")
            }
            print(AnalysisReport.render(text, analyzer.analyze(text)))
            return
        }
        try JSONLinesFilter.run { line in AnalysisLines.process(line, with: analyzer) }
    }
}

/// Reads JSON lines from standard input and writes one output line per non-blank input line, as it goes.
enum JSONLinesFilter {
    static func run(_ process: (ArraySlice<UInt8>) -> String) throws {
        let output = FileHandle.standardOutput
        var pending = [UInt8]()
        func emit(_ line: ArraySlice<UInt8>) {
            var bytes = line
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
            guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return }
            output.write(Data((process(bytes) + "\n").utf8))
        }
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var lineStart = 0
            while let newline = pending[lineStart...].firstIndex(of: 0x0A) {
                emit(pending[lineStart..<newline])
                lineStart = newline + 1
            }
            pending.removeFirst(lineStart)
        }
        if !pending.isEmpty { emit(pending[...]) }
    }
}
