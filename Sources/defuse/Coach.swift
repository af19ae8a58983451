// `defuse coach`: review an agent's draft reply from the command line, or JSON lines from standard input.
import ArgumentParser
import DefuseAnalysis
import Foundation

struct CoachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coach",
        abstract: "Review a draft reply before it is sent: flags, good moves, what is missing, send or revise.")

    @Argument(help: "The draft. Omit it with --jsonl.")
    var text: String?

    @Option(help: "The customer's message the draft answers: the coach then says what the situation calls for.")
    var customer: String?

    @Option(help: "The most this agent may grant on the case; a promised amount above it is flagged.")
    var authorityLimit: Double?

    @Flag(help: "Read {\"id\", \"text\", \"context\"?} JSON lines from standard input and write one review per line.")
    var jsonl = false

    func validate() throws {
        if jsonl, text != nil || customer != nil {
            throw ValidationError("with --jsonl the drafts and their context come from standard input")
        }
        if !jsonl, text == nil { throw ValidationError("give a draft to review, or --jsonl to read standard input") }
        if let authorityLimit, !(authorityLimit >= 0) { throw ValidationError("--authority-limit must be at least 0") }
    }

    func run() throws {
        let coach = Coach.shared
        let analyzer = Analyzer.shared
        guard let text else {
            try JSONLinesFilter.run { line in CoachLines.process(line, with: coach, analyzer: analyzer) }
            return
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("the draft is empty")
        }
        let context = customer.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        print(CoachReport.render(text, coach.review(text, customer: context.map(analyzer.analyze),
                                                    authorityLimit: authorityLimit)))
    }
}
