// analysis-eval: quality of the analyzer on a labelled corpus, and its speed.
//
//   analysis-eval quality DIR [--lang el] [--errors LABEL]   P/R/F1 per label and language; misses for one label
//   analysis-eval speed FILE... [--seconds 5]                messages/s on one core, pack load time, peak RSS
//   analysis-eval tune FIT_DIR CHECK_DIR                     fits the anger calibration on one corpus, checks on another
//   analysis-eval posts FILE.jsonl [--errors]                complaints told from praise on real posts, per source
//   analysis-eval coach DIR [--lang el] [--errors LABEL]     the reply coach: P/R/F1 per flag and move and language
//   analysis-eval coach-speed FILE... [--seconds 5]          drafts/s on one core
// `--packs DIR` and `--coach-packs DIR` read packs from a folder instead of the build, to try edits without
// rebuilding.
import DefuseAnalysis
import Foundation

func fixed(_ value: Double) -> String { String(format: "%.2f", value) }

func loadCorpus(_ directory: String, only language: String?) throws -> [LabelledMessage] {
    try LabelledMessage.load(folder: URL(fileURLWithPath: directory), language: language)
}

func option(_ name: String, _ arguments: [String]) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

func analyzer(_ arguments: [String]) throws -> Analyzer {
    try Analyzer.bundled(folder: option("--packs", arguments).map { URL(fileURLWithPath: $0) })
}

func coach(_ arguments: [String], analyzer: Analyzer) throws -> Coach {
    try Coach.bundled(folder: option("--coach-packs", arguments).map { URL(fileURLWithPath: $0) }, analyzer: analyzer)
}

/// One row per figure, one column for all messages and one per language present.
func printFigures<Figures>(_ overall: Figures, _ perLanguage: [String: Figures],
                           _ rows: [(name: String, value: (Figures) -> Double)]) {
    let languages = ["el", "es", "tr", "ru", "tl", "en"].filter { perLanguage[$0] != nil }
    print("figure".padding(toLength: 22, withPad: " ", startingAt: 0) + (["all"] + languages).map {
        $0.padding(toLength: 7, withPad: " ", startingAt: 0) }.joined())
    let columns = [overall] + languages.map { perLanguage[$0]! }
    for row in rows {
        print(row.name.padding(toLength: 22, withPad: " ", startingAt: 0)
              + columns.map { fixed(row.value($0)).padding(toLength: 7, withPad: " ", startingAt: 0) }.joined())
    }
}

func quality(_ arguments: [String]) throws {
    guard let directory = arguments.first else { throw CocoaError(.fileNoSuchFile) }
    let language = option("--lang", arguments)
    let errorsFor = option("--errors", arguments)
    let analyzer = try analyzer(arguments)
    let messages = try loadCorpus(directory, only: language)
    var overall = Evaluation()
    var perLanguage: [String: Evaluation] = [:]
    for message in messages {
        let analysis = analyzer.analyze(message.text)
        overall.add(message, analysis)
        perLanguage[message.language, default: Evaluation()].add(message, analysis)
        if let errorsFor {
            let misses = Evaluation.disagreements(message, analysis).filter { $0.0 == errorsFor || errorsFor == "all" }
            let languageMiss = errorsFor == "language" && analysis.language != message.language
            let angerMiss = errorsFor == "anger" && analysis.anger != message.anger
            if !misses.isEmpty || languageMiss || angerMiss {
                let what = misses.map { "\($0.1 ? "missed" : "false") \($0.0)" }.joined(separator: ", ")
                print("[\(message.id)] \(what) lang=\(analysis.language) anger=\(analysis.anger)/\(message.anger) score=\(analysis.angerScore)")
                print("    \(message.text.prefix(400).replacingOccurrences(of: "\n", with: " "))")
                let spans = analysis.evidence.map { "\($0.label):\($0.text)" }.joined(separator: " | ")
                if !spans.isEmpty { print("    evidence: \(spans)") }
            }
        }
    }
    print("\nmessages: \(overall.count)")
    printFigures(overall, perLanguage, [
        ("language accuracy", { $0.languageAccuracy }),
        ("anger exact", { $0.angerAccuracy }),
    ] + Evaluation.groups.map { group in ("\(group.name) F1", { $0.tally(group.labels).f1 }) } + [
        ("complaint/praise BA", { $0.complaintBalancedAccuracy }),
    ])
    print("\nanger confusion (rows: labelled 0-3, columns: read as 0-3)")
    for (level, row) in overall.angerConfusion.enumerated() {
        print("  \(level): " + row.map { String($0).padding(toLength: 6, withPad: " ", startingAt: 0) }.joined())
    }
    print("\nlabel                 P     R     F1    (all languages)")
    for label in Evaluation.allLabels {
        let tally = overall.tallies[label] ?? Tally()
        print(label.padding(toLength: 20, withPad: " ", startingAt: 0)
              + "  \(fixed(tally.precision))  \(fixed(tally.recall))  \(fixed(tally.f1))"
              + "   tp=\(tally.truePositives) fp=\(tally.falsePositives) fn=\(tally.falseNegatives)")
    }
}

/// A public post with people's judgement of whether it complains (made by `Benchmarks/analysis/real-posts.sh`).
struct LabelledPost: LabelledExample {
    var id: String
    var text: String
    var complaint: Bool
    var source: String
    /// "dev" posts may be read to improve the packs; "test" posts are only ever counted.
    var split: String
}

/// Complaints told from praise on real public posts, per source and split. `--errors` prints the misses of the dev
/// split only: the test split's texts are never shown.
func posts(_ arguments: [String]) throws {
    guard let file = arguments.first else { throw CocoaError(.fileNoSuchFile) }
    let analyzer = try analyzer(arguments)
    let showErrors = arguments.contains("--errors")
    var perSource: [String: Evaluation] = [:]
    for post in try LabelledPost.load(jsonLines: URL(fileURLWithPath: file)) {
        let analysis = analyzer.analyze(post.text)
        perSource["\(post.source)/\(post.split)", default: Evaluation()]
            .addComplaint(expected: post.complaint, actual: analysis.isComplaint)
        if showErrors, post.split == "dev", post.complaint != analysis.isComplaint {
            let evidence = analysis.evidence.map { "\($0.label):\($0.text)" }.joined(separator: " | ")
            print("[\(post.id)] \(post.complaint ? "missed complaint" : "praise read as complaint") "
                  + "anger=\(analysis.anger) \(evidence)\n    \(post.text.prefix(300))")
        }
    }
    print("source complaints praise caught left_alone balanced_accuracy")
    for (source, evaluation) in perSource.sorted(by: { $0.key < $1.key }) {
        let complaints = evaluation.complaint.truePositives + evaluation.complaint.falseNegatives
        print([source, String(complaints), String(evaluation.calmCount), fixed(evaluation.complaint.recall),
               fixed(evaluation.calmLeftAlone), fixed(evaluation.complaintBalancedAccuracy)].joined(separator: " "))
    }
}

/// Grid search over the anger calibration on one corpus; prints the best settings and how they do on another.
func tune(_ arguments: [String]) throws {
    guard arguments.count >= 2 else { throw CocoaError(.fileNoSuchFile) }
    let fit = try loadCorpus(arguments[0], only: nil)
    let check = try loadCorpus(arguments[1], only: nil)
    let base = Analyzer.shared
    func score(_ calibration: AngerCalibration, _ messages: [LabelledMessage]) -> (exact: Double, upset: Double) {
        var analyzer = base
        analyzer.calibration = calibration
        var evaluation = Evaluation()
        for message in messages { evaluation.add(message, analyzer.analyze(message.text)) }
        return (evaluation.angerAccuracy, evaluation.tally(["upset"]).f1)
    }
    var best = (calibration: AngerCalibration.standard, value: -1.0)
    for frustrated in stride(from: Float(0.2), through: 1.0, by: 0.1) {
        for angry in stride(from: Float(1.6), through: 2.8, by: 0.2) {
            for decay in [Float(0.4), 0.5, 0.6, 0.75] {
                for publicWeight in [Float(0.7), 1.0, 1.5] {
                    var calibration = AngerCalibration.standard
                    calibration.frustrated = frustrated
                    calibration.angry = angry
                    calibration.decay = decay
                    calibration.public = publicWeight
                    let result = score(calibration, fit)
                    let value = result.exact + result.upset
                    if value > best.value { best = (calibration, value) }
                }
            }
        }
    }
    print("best on \(arguments[0]): \(best.calibration)")
    let standardFit = score(.standard, fit), standardCheck = score(.standard, check)
    let bestFit = score(best.calibration, fit), bestCheck = score(best.calibration, check)
    print("standard  fit exact \(fixed(standardFit.exact)) upset \(fixed(standardFit.upset))   check exact \(fixed(standardCheck.exact)) upset \(fixed(standardCheck.upset))")
    print("best      fit exact \(fixed(bestFit.exact)) upset \(fixed(bestFit.upset))   check exact \(fixed(bestCheck.exact)) upset \(fixed(bestCheck.upset))")
}

/// The coach on a labelled corpus of drafts: micro-F1 of flags and moves, "has a problem" F1, per label and language.
func coachQuality(_ arguments: [String]) throws {
    guard let directory = arguments.first else { throw CocoaError(.fileNoSuchFile) }
    let errorsFor = option("--errors", arguments)
    let analyzer = try analyzer(arguments)
    let coach = try coach(arguments, analyzer: analyzer)
    let drafts = try LabelledDraft.load(folder: URL(fileURLWithPath: directory), language: option("--lang", arguments))
    var overall = CoachEvaluation()
    var perLanguage: [String: CoachEvaluation] = [:]
    for draft in drafts {
        let review = coach.review(draft.text, customer: draft.customer.map(analyzer.analyze))
        overall.add(draft, review)
        perLanguage[draft.language, default: CoachEvaluation()].add(draft, review)
        if let errorsFor {
            let misses = CoachEvaluation.disagreements(draft, review).filter { $0.0 == errorsFor || errorsFor == "all" }
            let languageMiss = errorsFor == "language" && review.language != draft.language
            if !misses.isEmpty || languageMiss {
                let what = misses.map { "\($0.1 ? "missed" : "false") \($0.0)" }.joined(separator: ", ")
                print("[\(draft.id)] \(what) lang=\(review.language)")
                print("    \(draft.text.prefix(400).replacingOccurrences(of: "\n", with: " "))")
                let spans = review.findings.map { finding -> String in
                    switch finding.kind {
                    case .flag(let flag): return "\(flag.rawValue):\(finding.text)"
                    case .move(let move): return "\(move.rawValue):\(finding.text)"
                    }
                }.joined(separator: " | ")
                if !spans.isEmpty { print("    found: \(spans)") }
            }
        }
    }
    print("\ndrafts: \(overall.count)")
    printFigures(overall, perLanguage, [
        ("language accuracy", { $0.languageAccuracy }),
        ("flags micro-F1", { $0.flagsMicro.f1 }),
        ("problem F1", { $0.problem.f1 }),
        ("problem precision", { $0.problem.precision }),
        ("moves micro-F1", { $0.movesMicro.f1 }),
    ])
    print("\nlabel                 P     R     F1    (all languages)")
    let rows = CoachFlag.allCases.map { ($0.rawValue, overall.flags[$0] ?? Tally()) }
        + CoachMove.allCases.map { ($0.rawValue, overall.moves[$0] ?? Tally()) }
    for (label, tally) in rows {
        print(label.padding(toLength: 20, withPad: " ", startingAt: 0)
              + "  \(fixed(tally.precision))  \(fixed(tally.recall))  \(fixed(tally.f1))"
              + "   tp=\(tally.truePositives) fp=\(tally.falsePositives) fn=\(tally.falseNegatives)")
    }
}

func residentPeakKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

/// The `text` (and `customer`, when there is one) of every line of the given `.jsonl` files, and every line of
/// `.txt` files.
func readTexts(_ arguments: [String]) throws -> [(text: String, customer: String?)] {
    var texts: [(String, String?)] = []
    for file in arguments.filter({ $0.hasSuffix(".jsonl") || $0.hasSuffix(".txt") }) {
        let content = try String(contentsOfFile: file, encoding: .utf8)
        for line in content.split(separator: "\n") {
            if file.hasSuffix(".jsonl"),
               let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
               let text = object["text"] as? String {
                texts.append((text, object["customer"] as? String))
            } else if file.hasSuffix(".txt") {
                texts.append((String(line), nil))
            }
        }
    }
    return texts
}

/// Runs `body` over every item, again and again for `seconds`; returns how many items per second it managed.
func itemsPerSecond<Item>(_ items: [Item], seconds: Double, _ body: (Item) -> Int) -> (rate: Int, checksum: Int) {
    var done = 0
    var checksum = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        for item in items { checksum &+= body(item) }
        done += items.count
    }
    return (Int(Double(done) / Date().timeIntervalSince(start)), checksum)
}

/// Milliseconds `load` takes, and what it loaded.
func timed<T>(_ load: () throws -> T) rethrows -> (T, String) {
    let start = Date()
    let value = try load()
    return (value, String(format: "%.1f", Date().timeIntervalSince(start) * 1000))
}

func meanCharacters(_ texts: [String]) -> Int { texts.reduce(0) { $0 + $1.count } / max(1, texts.count) }

func speed(_ arguments: [String]) throws {
    let seconds = option("--seconds", arguments).flatMap(Double.init) ?? 5
    let texts = try readTexts(arguments).map(\.text)
    let (reader, loadMilliseconds) = try timed { try analyzer(arguments) }
    let run = itemsPerSecond(texts, seconds: seconds) { text in
        let analysis = reader.analyze(text)
        return analysis.anger &+ analysis.evidence.count
    }
    print("messages: \(texts.count) distinct, mean \(meanCharacters(texts)) characters")
    print("throughput_msgs_per_s \(run.rate)")
    print("pack_load_ms \(loadMilliseconds)")
    print("peak_rss_mib \(residentPeakKiB() / 1024)")
    print("checksum \(run.checksum)")
}

/// Drafts reviewed per second on one core. A draft's customer message is analysed once beforehand, as the server
/// stores it with the message, so the figure is the coach's own work.
func coachSpeed(_ arguments: [String]) throws {
    let seconds = option("--seconds", arguments).flatMap(Double.init) ?? 5
    let analyzer = try analyzer(arguments)
    let drafts = try readTexts(arguments).map { ($0.text, $0.customer.map(analyzer.analyze)) }
    let (reviewer, loadMilliseconds) = try timed { try coach(arguments, analyzer: analyzer) }
    let run = itemsPerSecond(drafts, seconds: seconds) { draft in
        let review = reviewer.review(draft.0, customer: draft.1)
        return review.findings.count &+ review.missing.count
    }
    print("drafts: \(drafts.count) distinct, mean \(meanCharacters(drafts.map(\.0))) characters")
    print("throughput_drafts_per_s \(run.rate)")
    print("coach_pack_load_ms \(loadMilliseconds)")
    print("checksum \(run.checksum)")
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "quality": try quality(Array(arguments.dropFirst()))
    case "speed": try speed(Array(arguments.dropFirst()))
    case "tune": try tune(Array(arguments.dropFirst()))
    case "posts": try posts(Array(arguments.dropFirst()))
    case "coach": try coachQuality(Array(arguments.dropFirst()))
    case "coach-speed": try coachSpeed(Array(arguments.dropFirst()))
    default:
        print("usage: analysis-eval quality CORPUS_DIR [--lang xx] [--errors LABEL|all|language|anger]")
        print("       analysis-eval speed FILE.jsonl... [--seconds 5]")
        print("       analysis-eval tune FIT_DIR CHECK_DIR   (grid search of the anger calibration)")
        print("       analysis-eval posts POSTS.jsonl [--errors]   (complaints vs praise on real public posts)")
        print("       analysis-eval coach CORPUS_DIR [--lang xx] [--errors FLAG|MOVE|all|language]")
        print("       analysis-eval coach-speed FILE.jsonl... [--seconds 5]")
        print("       any of them: [--packs DIR] [--coach-packs DIR] to read packs from a folder")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("analysis-eval: \(error)\n".utf8))
    exit(1)
}
