// What customers read: every language is complete, keeps English's placeholders, and the messages built from the
// texts carry the reference, the organisation, the name and a due date written the way a reader of that language
// writes dates.
@testable import DefuseCore
import Foundation
import Testing

private let languages = ["el", "es", "tr", "ru", "tl", "en"]
private let athens = TimeZone(identifier: "Europe/Athens")!
/// Wednesday 18 November 2026, 13:06 in Athens.
private let due = Date(timeIntervalSince1970: 1_795_000_000)

/// Every string in a language's texts, by its path ("acknowledgement.expectBy", "offers.remedy.refund",
/// "survey.scale[2]").
private func strings(_ value: Any, _ path: String = "") -> [String: String] {
    if let text = value as? String { return [path: text] }
    if let list = value as? [String] {
        return Dictionary(uniqueKeysWithValues: list.enumerated().map { ("\(path)[\($0.offset)]", $0.element) })
    }
    if let table = value as? [String: String] {
        return Dictionary(uniqueKeysWithValues: table.map { ("\(path).\($0.key)", $0.value) })
    }
    var found: [String: String] = [:]
    for child in Mirror(reflecting: value).children {
        guard let label = child.label else { continue }
        found.merge(strings(child.value, path.isEmpty ? label : "\(path).\(label)")) { first, _ in first }
    }
    return found
}

/// The `{placeholder}` names in a text.
private func placeholders(_ text: String) -> Set<String> {
    var names: Set<String> = []
    var rest = text[...]
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        names.insert(String(rest[rest.index(after: open)..<close]))
        rest = rest[rest.index(after: close)...]
    }
    return names
}

private func loadedTexts(_ language: String) throws -> CustomerTexts {
    try #require(CustomerTexts.all[language], "no texts for \(language)")
}

@Test func allSixLanguagesLoad() {
    #expect(Set(CustomerTexts.all.keys) == Set(languages))
    for language in languages {
        #expect(CustomerTexts.of(language).language == language)
    }
    // A language without texts is answered in English.
    #expect(CustomerTexts.of("fr").language == "en")
}

@Test func everyLanguageNamesEveryRemedyAndHasFiveSurveyLabels() throws {
    for language in languages {
        let texts = try loadedTexts(language)
        for kind in RemedyKind.allCases {
            let name = texts.offers.remedy[kind.rawValue] ?? ""
            #expect(!name.isEmpty, "\(language) has no name for \(kind.rawValue)")
        }
        #expect(texts.survey.scale.count == 5, "\(language)")
        #expect(Set(texts.survey.scale).count == 5, "\(language) repeats a survey label")
    }
}

@Test func everyLanguageHasTheSameTextsAsEnglish() throws {
    let english = try strings(loadedTexts("en"))
    #expect(english.count > 40)
    for language in languages {
        let other = try strings(loadedTexts(language))
        #expect(Set(other.keys) == Set(english.keys), "\(language)")
        for (key, text) in other where !["language", "locale"].contains(key) {
            #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(language): \(key) is empty")
        }
    }
}

@Test func everyTextKeepsEnglishPlaceholders() throws {
    let english = try strings(loadedTexts("en"))
    // The ones the messages fill in are really there.
    #expect(placeholders(english["acknowledgement.expectBy"] ?? "") == ["due"])
    #expect(placeholders(english["offers.message"] ?? "") == ["reference", "link", "until"])
    for language in languages where language != "en" {
        let other = try strings(loadedTexts(language))
        for (key, text) in english {
            #expect(placeholders(other[key] ?? "") == placeholders(text), "\(language): \(key)")
        }
    }
}

@Test func noTwoLanguagesShareAnAcknowledgementSentence() throws {
    for field in ["greetingNamed", "greeting", "received", "nextSteps", "expectBy", "reachUs", "signOff"] {
        var seen: [String: String] = [:]
        for language in languages {
            let sentence = try strings(loadedTexts(language).acknowledgement)[field] ?? ""
            #expect(seen[sentence] == nil, "\(language) and \(seen[sentence] ?? "") share \(field): \(sentence)")
            seen[sentence] = language
        }
    }
}

@Test func acknowledgementCarriesReferenceOrganisationNameAndALocalDueDate() {
    let months = ["el": "Νοεμβρίου", "es": "noviembre", "tr": "Kasım", "ru": "ноября", "tl": "Nobyembre",
                  "en": "November"]
    let names = ["el": "Νίκος Παπαδόπουλος", "es": "Ana García", "tr": "Ayşe Yılmaz", "ru": "Ольга Иванова",
                 "tl": "Maria Santos", "en": "John Smith"]
    for language in languages {
        let name = names[language] ?? ""
        let text = CustomerMessages.acknowledgement(AcknowledgementFacts(
            language: language, customerName: name, reference: "C-7Q2K4", firstResponseDue: due,
            timeZone: athens, organisation: "Kafeneio Demo"))
        #expect(text.contains("C-7Q2K4"), "\(language)")
        #expect(text.contains("Kafeneio Demo"), "\(language)")
        #expect(text.contains(name), "\(language)")
        #expect(text.contains(months[language] ?? "?"), "\(language): \(text)")
        #expect(text.contains("13:06"), "\(language): the due time in Athens")
        #expect(text.contains("(Europe/Athens)"), "\(language)")
        #expect(!text.contains("{"), "\(language): a placeholder was left unfilled")
    }
}

@Test func dueDateIsWrittenInTheReadersScript() {
    let greek = CustomerTexts.of("el").dateTime(due, in: athens)
    #expect(greek.contains("Τετάρτη"))
    #expect(greek.contains("Νοεμβρίου"))
    let russian = CustomerTexts.of("ru").dateTime(due, in: athens)
    #expect(russian.contains("среда"))
    #expect(russian.contains("ноября"))
    #expect(CustomerTexts.of("tr").dateTime(due, in: athens).contains("Çarşamba"))
    // The same instant on a Manila desk is a different local time, named with its zone.
    let manila = CustomerTexts.of("tl").dateTime(due, in: TimeZone(identifier: "Asia/Manila")!)
    #expect(manila.contains("19:06"))
    #expect(manila.hasSuffix("(Asia/Manila)"))
}

@Test func acknowledgementWithoutANameUsesThePlainGreeting() {
    for language in languages {
        for name in [nil, ""] as [String?] {
            let text = CustomerMessages.acknowledgement(AcknowledgementFacts(
                language: language, customerName: name, reference: "C-7Q2K4", firstResponseDue: due,
                timeZone: athens, organisation: "Kafeneio Demo"))
            #expect(text.hasPrefix(CustomerTexts.of(language).acknowledgement.greeting), "\(language)")
            #expect(!text.contains("{name}"), "\(language)")
        }
    }
    let spanish = CustomerMessages.acknowledgement(AcknowledgementFacts(
        language: "es", customerName: "Ana", reference: "C-7Q2K4", firstResponseDue: due, timeZone: athens,
        organisation: "Demo"))
    #expect(spanish.hasPrefix("Hola, Ana:"))
}

@Test func offerLinkCarriesTheLinkAndTheDeadline() {
    for language in languages {
        let text = CustomerMessages.offerLink(language: language, reference: "C-7Q2K4",
                                              link: "https://desk.example/o/abc123", until: due, timeZone: athens)
        #expect(text.contains("https://desk.example/o/abc123"), "\(language)")
        #expect(text.contains("C-7Q2K4"), "\(language)")
        #expect(text.contains("(Europe/Athens)"), "\(language)")
        #expect(!text.contains("{"), "\(language)")
    }
}

@Test func surveyLinkCarriesTheLinkAndTheReference() {
    for language in languages {
        let text = CustomerMessages.surveyLink(language: language, reference: "C-7Q2K4",
                                               link: "https://desk.example/s/xyz789")
        #expect(text.contains("https://desk.example/s/xyz789"), "\(language)")
        #expect(text.contains("C-7Q2K4"), "\(language)")
        #expect(!text.contains("{"), "\(language)")
    }
}

@Test func escalationNoticeSaysByWhen() {
    let text = CustomerMessages.escalationNotice(language: "ru", reference: "C-7Q2K4", due: due, timeZone: athens)
    #expect(text.contains("C-7Q2K4"))
    #expect(text.contains("ноября"))
    #expect(!text.contains("{"))
}

@Test func fillReplacesEveryOccurrence() {
    #expect(CustomerTexts.fill("{a} and {a}, not {b}", ["a": "x"]) == "x and x, not {b}")
}

@Test func filledValuesAreInsertedLiterallyNotReadAsPlaceholders() {
    // A value that itself looks like a placeholder (a customer who types "{reference}" into the name field) must
    // appear as typed, whatever order the values come in.
    for _ in 0..<20 {
        #expect(CustomerTexts.fill("{a} / {b}", ["a": "{b}", "b": "{a}"]) == "{b} / {a}")
    }
    #expect(CustomerTexts.fill("{a} {unknown} {", ["a": "x"]) == "x {unknown} {")
}
