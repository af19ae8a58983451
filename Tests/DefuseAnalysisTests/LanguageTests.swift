// Each language is recognised however it is typed: accents or none, Greek in Latin letters, Russian in translit,
// Tagalog mixed with English.
import DefuseAnalysis
import Testing

@Test(arguments: [
    ("Η παραγγελία μου άργησε δύο ώρες και ήρθε κρύα.", "el"),
    ("H paraggelia mou argise dyo wres kai irthe krya, den einai sovara pragmata", "el"),
    ("Mi pedido llegó tarde y frío, no es normal.", "es"),
    ("mi pedido llego tarde y frio, no es normal que siempre pase lo mismo", "es"),
    ("Siparişim iki saat gecikti ve soğuk geldi.", "tr"),
    ("siparisim iki saat gecikti ve soguk geldi, bu nasil hizmet", "tr"),
    ("Мой заказ опоздал на два часа и приехал холодным.", "ru"),
    ("moi zakaz opozdal na dva chasa i priehal holodnym, eto uzhasno", "ru"),
    ("Yung order ko late ng dalawang oras at malamig na dumating.", "tl"),
    ("Grabe, 2 hours late yung delivery and the food was cold pa", "tl"),
    ("My order arrived two hours late and cold.", "en"),
])
func identifiesTheLanguage(text: String, language: String) {
    let analysis = analyzer.analyze(text)
    #expect(analysis.language == language, "\(text)")
    #expect(analysis.languageConfidence >= 0.5, "\(text)")
}

@Test func tooLittleTextIsUndetermined() {
    for text in ["", "   ", "👍", "12345", "?"] {
        let analysis = analyzer.analyze(text)
        #expect(analysis.language == "und", "\(text)")
        #expect(analysis.anger == 0)
        #expect(analysis.evidence.isEmpty)
    }
}
