// The analysis is stored and served as JSON with the field names the API documents.
import DefuseAnalysis
import Foundation
import Testing

@Test func analysisEncodesWithDocumentedFieldNames() throws {
    let text = "Θα σας πάω στον Συνήγορο του Καταναλωτή"
    let analysis = MessageAnalysis(
        language: "el", languageConfidence: 0.97, anger: 2, angerScore: 0.71, abuse: false, threat: false,
        churn: false, public: false, legal: true, categories: [.staff], demands: [.apology],
        evidence: [Evidence(label: "legal", start: 16, end: 39, text: "Συνήγορο του Καταναλωτή")])
    let json = try #require(String(data: try JSONEncoder().encode(analysis), encoding: .utf8))
    for key in ["\"language_confidence\"", "\"public\"", "\"evidence\"", "\"anger_score\""] {
        #expect(json.contains(key))
    }
    #expect(try JSONDecoder().decode(MessageAnalysis.self, from: Data(json.utf8)) == analysis)
    let span = analysis.evidence[0]
    let utf16 = Array(text.utf16)
    #expect(String(decoding: utf16[span.start..<span.end], as: UTF16.self) == span.text)
}

@Test func complaintsAreToldFromPraiseAndQuestions() {
    let analyzer = Analyzer.shared
    #expect(analyzer.analyze("The blender arrived with a cracked jug and nobody answers my emails.").isComplaint)
    #expect(analyzer.analyze("Η παραγγελία ήρθε σπασμένη, θέλω τα χρήματά μου πίσω.").isComplaint)
    #expect(!analyzer.analyze("Thank you so much, the new jug fits perfectly!").isComplaint)
    #expect(!analyzer.analyze("¿A qué hora abren el sábado?").isComplaint)
    // The same rule scores the corpora: calm and praise left alone count as much as complaints caught.
    var evaluation = Evaluation()
    evaluation.addComplaint(expected: true, actual: true)
    evaluation.addComplaint(expected: false, actual: true)
    evaluation.addComplaint(expected: false, actual: false)
    #expect(evaluation.calmCount == 2)
    #expect(evaluation.calmLeftAlone == 0.5)
    #expect(evaluation.complaintBalancedAccuracy == 0.75)
}

@Test func aComplaintTweetedAtTheCompanyIsAlreadyPublic() {
    let analyzer = Analyzer.shared
    let tweet = "Hi @QuickShipCo, my parcel has been 'out for delivery' for 6 days. Still nothing."
    let tweeted = analyzer.analyze(tweet)
    #expect(tweeted.public)
    #expect(tweeted.evidence.contains { $0.label == "public" && $0.text == "@QuickShipCo" })
    #expect(analyzer.analyze("Посылка едет 27 дней, #почта_позор").public)
    // An order number, an email address or a thank-you at the handle is not a public complaint.
    #expect(!analyzer.analyze("Order #12345 arrived with a cracked screen, please send a new one.").public)
    #expect(!analyzer.analyze("My parcel is six days late, write to me at ana@example.com please.").public)
    #expect(!analyzer.analyze("@CafeLuna thank you for the lovely birthday cake!").public)
}

@Test func anUltimatumKeepsItsDemandWhileARefusalDropsIt() {
    let analyzer = Analyzer.shared
    let ultimatum = analyzer.analyze("Αν δεν μου επιστρέψετε τα χρήματα μέχρι την Παρασκευή, πάω στον Συνήγορο του Καταναλωτή.")
    #expect(ultimatum.demands.contains(.refund))
    #expect(ultimatum.legal)
    #expect(!analyzer.analyze("Δεν θέλω επιστροφή χρημάτων, θέλω απλώς να δουλεύει το ψυγείο.").demands.contains(.refund))
    #expect(analyzer.analyze("Если не вернёте деньги до пятницы, пойду в суд.").demands.contains(.refund))
    #expect(analyzer.analyze("If you don't refund me by Friday, I'll take it to my bank.").demands.contains(.refund))
}

@Test func thanksForAFixIsNotAComplaintAboutIt() {
    let analyzer = Analyzer.shared
    let thanks = analyzer.analyze("Ευχαριστώ πολύ για τη γρήγορη αντικατάσταση, όλα τέλεια!")
    #expect(!thanks.isComplaint)
    #expect(thanks.demands.isEmpty && thanks.categories.isEmpty)
    #expect(!analyzer.analyze("Thank you so much for the quick replacement, all sorted!").isComplaint)
    // Thanks in one sentence, a grievance in the next: the grievance still counts.
    let mixed = analyzer.analyze("Ευχαριστώ για την απάντηση. Ο βραστήρας όμως ήρθε ξανά χαλασμένος, θέλω τα χρήματά μου πίσω.")
    #expect(mixed.demands.contains(.refund))
    #expect(mixed.categories.contains(.quality))
}
