// An admin's policy is checked field by field; authority weighs each remedy an agent proposes against it.
@testable import DefuseCore
import Foundation
import Testing

/// The first problem `validate()` finds, or nil when the policy is sound.
private func validationError(_ change: (inout Policy) -> Void) -> DefuseError? {
    var policy = Policy.standard
    change(&policy)
    do {
        try policy.validate()
        return nil
    } catch {
        return error
    }
}

private func reasons(_ verdict: RemedyVerdict) -> [String] {
    if case .escalate(let reasons) = verdict { return reasons }
    return []
}

@Test func standardPolicyIsValid() {
    #expect(validationError { _ in } == nil)
}

@Test func badCurrencyIsNamed() {
    #expect(validationError { $0.currency = "EURO" }
        == .invalidField("currency", "must be an ISO 4217 code such as EUR, USD, TRY"))
    #expect(validationError { $0.currency = "eur" }?.field == "currency")
    #expect(validationError { $0.currency = "XYZ" }?.field == "currency")
    #expect(validationError { $0.currency = "TRY" } == nil)
}

@Test func negativeLimitNamesTheRole() {
    #expect(validationError { $0.limits["agent"] = -1 } == .invalidField("limits.agent", "must not be negative"))
    #expect(validationError { $0.limits["manager"] = nil } == .invalidField("limits.manager", "is required"))
    #expect(validationError { $0.limits["supervisor"] = 100 }?.field == "limits.supervisor")
}

@Test func limitsMustNotFallFromAgentToAdmin() {
    #expect(validationError { $0.limits = ["agent": 100, "manager": 50, "admin": 5000] }
        == .invalidField("limits", "must not fall from agent to manager to admin"))
    #expect(validationError { $0.limits = ["agent": 50, "manager": 500, "admin": 400] }?.field == "limits")
    #expect(validationError { $0.limits = ["agent": 50, "manager": 50, "admin": 50] } == nil)
}

@Test func fastPathAboveTheAgentLimitIsRejected() {
    #expect(validationError { $0.fastPathAmount = 60 }
        == .invalidField("fast_path_amount", "must not be above the agent's limit"))
    #expect(validationError { $0.fastPathAmount = -5 }?.field == "fast_path_amount")
    #expect(validationError { $0.fastPathAmount = 50 } == nil)
}

@Test func unknownRemedyKindIsNamed() throws {
    let error = try #require(validationError { $0.remedies["voucher"] = RemedyRule() })
    #expect(error.field == "remedies.voucher")
    #expect(error.message.contains("store_credit"))
    #expect(validationError { $0.remedies["refund"] = RemedyRule(windowDays: 0) }?.field == "remedies.refund.window_days")
    #expect(validationError { $0.remedies["refund"] = RemedyRule(evidence: "receipt", evidenceOver: -1) }?.field
        == "remedies.refund.evidence_over")
}

@Test func badBusinessHoursNameTheDay() {
    #expect(validationError { $0.businessHours["mon"] = "9-5" }
        == .invalidField("business_hours.mon", "must look like 09:00-17:00"))
    #expect(validationError { $0.businessHours["monday"] = "09:00-17:00" }?.field == "business_hours.monday")
    #expect(validationError { $0.businessHours["sat"] = "10:00-14:00" } == nil)
}

@Test func badHolidayNamesItsPosition() {
    #expect(validationError { $0.holidays = ["2026-12-25", "2026-13-01"] }
        == .invalidField("holidays[1]", "must be a date like 2026-12-25"))
    #expect(validationError { $0.holidays = ["2026-02-30"] }?.field == "holidays[0]")
    #expect(validationError { $0.holidays = ["25/12/2026"] }?.field == "holidays[0]")
    #expect(validationError { $0.holidays = ["2026-12-25", "2027-01-01"] } == nil)
}

@Test func missingServiceTargetIsNamed() {
    #expect(validationError { $0.firstResponseHours["urgent"] = nil }
        == .invalidField("first_response_hours.urgent", "is required"))
    #expect(validationError { $0.resolutionHours["low"] = 0 }
        == .invalidField("resolution_hours.low", "must be positive"))
    #expect(validationError { $0.pointsPerUnit = 0 }?.field == "points_per_unit")
}

@Test func policySurvivesAJSONRoundTrip() throws {
    var policy = Policy.standard
    policy.currency = "TRY"
    policy.limits = ["agent": 12.5, "manager": 750, "admin": 10000]
    policy.fastPathAmount = 7.25
    policy.remedies["discount"] = RemedyRule(enabled: false)
    policy.holidays = ["2026-10-29"]
    policy.businessHours["sat"] = "10:00-14:00"
    let data = try JSONEncoder().encode(policy)
    let json = try #require(String(data: data, encoding: .utf8))
    // The file an admin edits uses the documented snake_case names.
    for key in ["fast_path_amount", "points_per_unit", "business_hours", "first_response_hours", "resolution_hours",
                "evidence_over", "window_days"] {
        #expect(json.contains("\"\(key)\""), "missing \(key)")
    }
    let decoded = try JSONDecoder().decode(Policy.self, from: data)
    #expect(decoded == policy)
    #expect(decoded.limit(for: .agent) == Decimal(string: "12.5"))
}

@Test func remedyRuleLeftWithoutEnabledIsEnabled() throws {
    let rule = try JSONDecoder().decode(RemedyRule.self, from: Data(#"{"window_days": 14}"#.utf8))
    #expect(rule == RemedyRule(enabled: true, windowDays: 14))
}

@Test func smallRemedyIsApprovedAtOnceWhenTheFaultIsOurs() {
    let policy = Policy.standard
    let verdict = Authority.weigh(RemedyOption(kind: .refund, amount: 15), RemedyContext(role: .agent, fault: .ours),
                                  under: policy)
    #expect(verdict == .offer(fastPath: true))
    // No questions about the window or a receipt on the fast path.
    let late = RemedyContext(role: .agent, fault: .ours, daysSincePurchase: 90)
    #expect(Authority.weigh(RemedyOption(kind: .refund, amount: 20), late, under: policy) == .offer(fastPath: true))
    // The same amount when the fault is not known is offered, but not on the fast path.
    #expect(Authority.weigh(RemedyOption(kind: .refund, amount: 15), RemedyContext(role: .agent, fault: .unknown),
                            under: policy) == .offer(fastPath: false))
    // Above the fast-path amount it is weighed normally.
    #expect(Authority.weigh(RemedyOption(kind: .storeCredit, amount: 25), RemedyContext(role: .agent, fault: .ours),
                            under: policy) == .offer(fastPath: false))
}

@Test func remedyWithinTheAgentsLimitIsOffered() {
    let verdict = Authority.weigh(RemedyOption(kind: .storeCredit, amount: 50),
                                  RemedyContext(role: .agent, fault: .customer), under: .standard)
    #expect(verdict == .offer(fastPath: false))
    #expect(Authority.weigh(RemedyOption(kind: .repair), RemedyContext(role: .agent, fault: .thirdParty,
                                                                       daysSincePurchase: 200), under: .standard)
        == .offer(fastPath: false))
}

@Test func remedyOverTheAgentsLimitEscalatesNamingTheLimit() {
    let verdict = Authority.weigh(RemedyOption(kind: .storeCredit, amount: 80),
                                  RemedyContext(role: .agent, fault: .unknown), under: .standard)
    #expect(verdict == .escalate(["EUR 80 is above the agent limit of EUR 50 per case"]))
}

@Test func managerMayGrantWhatIsAboveTheAgentsLimit() {
    let option = RemedyOption(kind: .storeCredit, amount: 80)
    #expect(Authority.weigh(option, RemedyContext(role: .manager, fault: .unknown), under: .standard)
        == .offer(fastPath: false))
    let verdict = Authority.weigh(RemedyOption(kind: .storeCredit, amount: 501),
                                  RemedyContext(role: .manager, fault: .unknown), under: .standard)
    #expect(reasons(verdict) == ["EUR 501 is above the manager limit of EUR 500 per case"])
}

@Test func whatWasAlreadyGrantedCountsTowardTheLimit() {
    let option = RemedyOption(kind: .storeCredit, amount: 20)
    #expect(Authority.weigh(option, RemedyContext(role: .agent, fault: .unknown, alreadyGranted: 30), under: .standard)
        == .offer(fastPath: false))
    // 20 is small enough for the fast path, but not on top of 40 already on the case.
    let verdict = Authority.weigh(option, RemedyContext(role: .agent, fault: .ours, alreadyGranted: 40),
                                  under: .standard)
    #expect(verdict == .escalate(["EUR 20 (with EUR 40 already on this case) is above the agent limit of EUR 50 per case"]))
}

@Test func refundOverThirtyNeedsAReceipt() {
    let option = RemedyOption(kind: .refund, amount: 40)
    let without = Authority.weigh(option, RemedyContext(role: .agent, fault: .unknown), under: .standard)
    #expect(without == .escalate(["a receipt is needed for refund over EUR 30"]))
    let with = Authority.weigh(option, RemedyContext(role: .agent, fault: .unknown, evidence: ["receipt"]),
                               under: .standard)
    #expect(with == .offer(fastPath: false))
    // Up to 30 no receipt is asked for.
    #expect(Authority.weigh(RemedyOption(kind: .refund, amount: 30), RemedyContext(role: .agent, fault: .unknown),
                            under: .standard) == .offer(fastPath: false))
}

@Test func remedyOutsideItsWindowEscalates() {
    let option = RemedyOption(kind: .replacement, detail: "the same kettle, delivered tomorrow")
    let late = Authority.weigh(option, RemedyContext(role: .agent, fault: .unknown, daysSincePurchase: 45),
                               under: .standard)
    #expect(late == .escalate(["the purchase was 45 days ago; replacement is within 30 days"]))
    #expect(Authority.weigh(option, RemedyContext(role: .agent, fault: .unknown, daysSincePurchase: 30),
                            under: .standard) == .offer(fastPath: false))
    // A purchase date nobody knows is not held against the customer.
    #expect(Authority.weigh(option, RemedyContext(role: .agent, fault: .unknown), under: .standard)
        == .offer(fastPath: false))
}

@Test func disabledRemedyKindEscalatesEvenOnTheFastPath() {
    var policy = Policy.standard
    policy.remedies["discount"] = RemedyRule(enabled: false)
    policy.remedies["goodwill_extra"] = nil
    let discount = Authority.weigh(RemedyOption(kind: .discount, amount: 5), RemedyContext(role: .agent, fault: .ours),
                                   under: policy)
    #expect(discount == .escalate(["the policy does not offer discount"]))
    // A kind the policy leaves out is not offered either.
    let extra = Authority.weigh(RemedyOption(kind: .goodwillExtra, amount: 5),
                                RemedyContext(role: .admin, fault: .unknown), under: policy)
    #expect(extra == .escalate(["the policy does not offer goodwill_extra"]))
}

@Test func loyaltyPointsAreValuedByPointsPerUnit() {
    var policy = Policy.standard
    #expect(RemedyOption(kind: .loyaltyPoints, points: 400).value(under: policy) == 40)
    #expect(Authority.weigh(RemedyOption(kind: .loyaltyPoints, points: 400),
                            RemedyContext(role: .agent, fault: .unknown), under: policy) == .offer(fastPath: false))
    #expect(reasons(Authority.weigh(RemedyOption(kind: .loyaltyPoints, points: 600),
                                    RemedyContext(role: .agent, fault: .unknown), under: policy))
        == ["EUR 60 is above the agent limit of EUR 50 per case"])
    // The same points are worth less when more of them make a euro.
    policy.pointsPerUnit = 100
    #expect(RemedyOption(kind: .loyaltyPoints, points: 600).value(under: policy) == 6)
    #expect(Authority.weigh(RemedyOption(kind: .loyaltyPoints, points: 600),
                            RemedyContext(role: .agent, fault: .ours), under: policy) == .offer(fastPath: true))
    // An amount on a points option does not count; only the points do.
    #expect(RemedyOption(kind: .loyaltyPoints, amount: 1000, points: 50).value(under: policy) == Decimal(string: "0.5"))
}

@Test func everyProblemIsListedWithItsKind() {
    var policy = Policy.standard
    policy.remedies["refund"] = RemedyRule(enabled: false, evidence: "receipt", evidenceOver: 30, windowDays: 30)
    let problems = Authority.problems(RemedyOption(kind: .refund, amount: 80),
                                      RemedyContext(role: .agent, fault: .unknown, daysSincePurchase: 40),
                                      under: policy)
    #expect(problems.map(\.kind) == [.notOffered, .overLimit, .evidenceMissing, .outsideWindow])
}

@Test func onlyNotOfferedAndOverLimitNeedAnOverride() {
    #expect(RemedyProblem(kind: .notOffered, text: "").needsOverride)
    #expect(RemedyProblem(kind: .overLimit, text: "").needsOverride)
    #expect(!RemedyProblem(kind: .evidenceMissing, text: "").needsOverride)
    #expect(!RemedyProblem(kind: .outsideWindow, text: "").needsOverride)
}

@Test func moneyKindsNeedAnAmount() {
    #expect(RemedyKind.allCases.filter(\.needsAmount) == [.refund, .storeCredit, .discount, .goodwillExtra])
}
