// What the analyzer finds in a message, in each language, with the evidence behind it.
import DefuseAnalysis
import Testing

@Test(arguments: [
    "Δεν είμαι ευχαριστημένος με την εξυπηρέτηση.",
    "No estoy contento con el servicio.",
    "Hizmetten memnun değilim.",
    "Я не доволен обслуживанием.",
    "Hindi ako masaya sa serbisyo niyo.",
    "Not happy at all with the service.",
])
func negatedSatisfactionReadsAsFrustration(text: String) {
    let analysis = analyzer.analyze(text)
    #expect(analysis.anger >= 1, "\(text)")
    #expect(!evidence(analysis, "anger").isEmpty, "\(text)")
}

@Test(arguments: [
    "Σας ευχαριστώ πολύ, η σερβιτόρα ήταν υπέροχη!",
    "Muchas gracias, la camarera fue encantadora.",
    "Çok teşekkürler, garson hanım çok ilgiliydi.",
    "Большое спасибо, официантка была очень внимательна.",
    "Salamat po, ang bait ng waitress niyo!",
    "Thank you so much, the barista was lovely.",
])
func praiseIsCalm(text: String) {
    let analysis = analyzer.analyze(text)
    #expect(analysis.anger == 0, "\(text)")
    #expect(!analysis.abuse && !analysis.threat && !analysis.churn && !analysis.public && !analysis.legal)
}

@Test func insultsAimedAtStaffAreAbuseAndHostile() {
    for text in ["You are a bunch of thieves and idiots!", "Είστε απατεώνες και κλέφτες!",
                 "Sois unos ladrones y unos sinvergüenzas", "Dolandırıcılar! Hepiniz hırsızsınız",
                 "Вы мошенники и жулики!", "Mga manloloko kayo, mga walang kwenta!"] {
        let analysis = analyzer.analyze(text)
        #expect(analysis.abuse, "\(text)")
        #expect(analysis.anger == 3, "\(text)")
        #expect(!evidence(analysis, "abuse").isEmpty)
    }
}

@Test func aQuotedInsultIsAStaffComplaintNotAbuse() {
    let analysis = analyzer.analyze("Your cashier called me an idiot in front of everyone.")
    #expect(!analysis.abuse)
    #expect(analysis.categories.contains(.staff))
    #expect(analysis.anger >= 1)
}

@Test func swearingAtTheSituationIsNotAbuse() {
    let analysis = analyzer.analyze("Damn, my flight got cancelled again.")
    #expect(!analysis.abuse)
    #expect(analysis.anger >= 1)
}

@Test func aReportedDangerIsAThreatWithItsEvidence() {
    let text = "There was broken glass in my salad."
    let analysis = analyzer.analyze(text)
    #expect(analysis.threat)
    #expect(!analysis.abuse)
    #expect(evidence(analysis, "threat").allSatisfy { text.contains($0) && !$0.isEmpty })
    #expect(!evidence(analysis, "threat").isEmpty)
}

@Test func sarcasmIsNotPraise() {
    let analysis = analyzer.analyze("Great job, three hours late again.")
    #expect(analysis.anger >= 1)
    #expect(analysis.categories.contains(.waiting))
}

@Test func legalPublicAndChurnAreFoundWithEvidence() {
    let analysis = analyzer.analyze(
        "If this is not fixed I will take you to small claims court, post this on Facebook and switch to your competitor.")
    #expect(analysis.legal)
    #expect(analysis.public)
    #expect(analysis.churn)
    for label in ["legal", "public", "churn"] { #expect(!evidence(analysis, label).isEmpty, "\(label)") }
}

@Test func implicitDemandsAreRead() {
    #expect(analyzer.analyze("I want my money back.").demands.contains(.refund))
    #expect(analyzer.analyze("Θέλω τα λεφτά μου πίσω").demands.contains(.refund))
    #expect(analyzer.analyze("Quiero hablar con el encargado").demands.contains(.manager))
    #expect(analyzer.analyze("Aboneliğimi iptal edin").demands.contains(.cancel))
    #expect(analyzer.analyze("Верните деньги за заказ").demands.contains(.refund))
    #expect(!analyzer.analyze("I don't want a coupon, just fix the fridge").demands.contains(.compensation))
}

@Test func hostileMessagesInCapitalsCarryEmphasisEvidence() {
    let analysis = analyzer.analyze("THIS IS THE THIRD TIME YOU LOST MY PARCEL!!!")
    #expect(analysis.anger >= 2)
    #expect(evidence(analysis, "anger").contains { $0.contains("THIS") })
    #expect(evidence(analysis, "anger").contains("!!!"))
}
