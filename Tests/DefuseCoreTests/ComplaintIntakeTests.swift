// A complaint is checked field by field, and each problem names its field.
import DefuseAnalysis
import DefuseCore
import Testing

func problem(_ submission: ComplaintSubmission) -> DefuseError? {
    do {
        _ = try ComplaintIntake.validate(submission)
        return nil
    } catch {
        return error
    }
}

@Test func validComplaintIsCleanedForStorage() throws {
    let complaint = try ComplaintIntake.validate(ComplaintSubmission(
        customerName: "  Ayşe Yılmaz ", customerEmail: " Ayse@Example.COM.tr", customerPhone: "+90 (532) 555-12-34",
        customerLanguage: "TR", channel: "email", subject: "  ", text: "  Siparişim 3 haftadır gelmedi.  "))
    #expect(complaint.customerName == "Ayşe Yılmaz")
    #expect(complaint.customerEmail == "ayse@example.com.tr")
    #expect(complaint.customerPhone == "+905325551234")
    #expect(complaint.customerLanguage == .tr)
    #expect(complaint.channel == .email)
    #expect(complaint.subject == nil)
    #expect(complaint.text == "Siparişim 3 haftadır gelmedi.")
}

@Test func channelDefaultsToWeb() throws {
    let complaint = try ComplaintIntake.validate(ComplaintSubmission(customerName: "Ana", text: "La sopa estaba fría"))
    #expect(complaint.channel == .web)
}

@Test func missingOrEmptyTextIsRejectedNamingTheField() {
    #expect(problem(ComplaintSubmission(customerName: "Ana", text: nil)) == .invalidField("text", "is required"))
    #expect(problem(ComplaintSubmission(customerName: "Ana", text: " \n\t ")) == .invalidField("text", "must not be empty"))
    #expect(problem(ComplaintSubmission(customerName: nil, text: "hi"))?.field == "customer.name")
}

@Test func textOverTwentyThousandCharactersIsRejected() {
    let long = String(repeating: "ά", count: 20_001)
    #expect(problem(ComplaintSubmission(customerName: "Νίκος", text: long))?.field == "text")
    let fits = String(repeating: "ά", count: 20_000)
    #expect(problem(ComplaintSubmission(customerName: "Νίκος", text: fits)) == nil)
}

@Test func badContactDetailsAndChoicesNameTheirField() {
    #expect(problem(ComplaintSubmission(customerName: "A", customerEmail: "not-an-email", text: "x"))?.field
        == "customer.email")
    #expect(problem(ComplaintSubmission(customerName: "A", customerPhone: "call me", text: "x"))?.field
        == "customer.phone")
    #expect(problem(ComplaintSubmission(customerName: "A", customerLanguage: "fr", text: "x"))
        == .invalidField("customer.language", "must be one of: el, es, tr, ru, tl, en"))
    #expect(problem(ComplaintSubmission(customerName: "A", channel: "pigeon", text: "x"))?.field == "channel")
}
