// Promises to customers must say what and be due later; the keeping rate counts only promises that came due.
// Hand-offs go to the least loaded colleague with the skill, who speaks the customer's language when anyone does.
@testable import DefuseCore
import Foundation
import Testing

private let now = Date(timeIntervalSince1970: 1_795_000_000)
private let hour: TimeInterval = 3600

private func promiseError(what: String, due: Date) -> DefuseError? {
    do {
        try Promises.validate(what: what, due: due, now: now)
        return nil
    } catch {
        return error
    }
}

@Test func promiseMustSayWhatWasPromised() {
    #expect(promiseError(what: " \n ", due: now + hour) == .invalidField("what", "must say what was promised"))
    #expect(promiseError(what: "", due: now + hour)?.field == "what")
}

@Test func promiseMustBeDueLaterThanNow() {
    #expect(promiseError(what: "Call back with the courier's answer", due: now - hour)
        == .invalidField("due", "is in the past; a promise must be due later than now"))
    #expect(promiseError(what: "Call back with the courier's answer", due: now)?.field == "due")
    #expect(promiseError(what: "Call back with the courier's answer", due: now + 60) == nil)
}

@Test func promiseIsOpenUntilDueThenOverdueUntilDone() {
    let due = now + hour
    #expect(Promises.state(due: due, doneAt: nil, now: now) == .open)
    #expect(Promises.state(due: due, doneAt: nil, now: due) == .open)
    #expect(Promises.state(due: due, doneAt: nil, now: due + 1) == .overdue)
    #expect(Promises.state(due: due, doneAt: now, now: now) == .done)
    // Done late is still done.
    #expect(Promises.state(due: due, doneAt: due + 3 * hour, now: due + 4 * hour) == .done)
}

@Test func keepingRateCountsKeptAgainstBroken() {
    let records = [
        PromiseRecord(due: now - 5 * hour, doneAt: now - 6 * hour),  // kept early
        PromiseRecord(due: now - 5 * hour, doneAt: now - 5 * hour),  // kept on the minute
        PromiseRecord(due: now - 5 * hour, doneAt: now - 4 * hour),  // done late
        PromiseRecord(due: now - hour, doneAt: nil),  // overdue, still open
        PromiseRecord(due: now + hour, doneAt: nil),  // not yet due
    ]
    let keeping = Promises.keeping(records, now: now)
    #expect(keeping.kept == 2)
    #expect(keeping.broken == 2)
    #expect(keeping.pending == 1)
    #expect(keeping.rate == 0.5)
}

@Test func pendingPromisesDoNotMoveTheRate() {
    let kept = [PromiseRecord(due: now - hour, doneAt: now - 2 * hour)]
    let pending = [PromiseRecord(due: now + hour, doneAt: nil), PromiseRecord(due: now + 2 * hour, doneAt: nil)]
    #expect(Promises.keeping(kept, now: now).rate == 1)
    #expect(Promises.keeping(kept + pending, now: now).rate == 1)
    #expect(Promises.keeping(kept + pending, now: now).pending == 2)
}

@Test func keepingRateIsUnknownUntilAPromiseComesDue() {
    #expect(Promises.keeping([], now: now) == PromiseKeeping(kept: 0, broken: 0, pending: 0, rate: nil))
    let keeping = Promises.keeping([PromiseRecord(due: now + hour, doneAt: nil)], now: now)
    #expect(keeping.rate == nil)
    #expect(keeping.pending == 1)
}

// MARK: Routing

private func agent(_ n: Int) -> UUID { UUID(uuidString: "00000000-0000-0000-0000-\(String(format: "%012d", n))")! }

@Test func handOffPrefersTheRightTeamAndSkill() {
    let candidates = [
        RoutingCandidate(id: agent(1), team: "Sales", skills: ["billing"], languages: ["el"], openCases: 0),
        RoutingCandidate(id: agent(2), team: "Support", skills: ["delivery"], languages: ["el"], openCases: 0),
        RoutingCandidate(id: agent(3), team: "support", skills: ["billing", "delivery"], languages: ["el"], openCases: 6),
    ]
    let need = RoutingNeed(team: "Support", skill: "Billing", language: "el", from: nil)
    #expect(Routing.pick(candidates, for: need) == agent(3))
    // With no team asked for, the least loaded with the skill.
    #expect(Routing.pick(candidates, for: RoutingNeed(team: nil, skill: "billing", language: "el", from: nil))
        == agent(1))
}

@Test func handOffPrefersSomeoneWhoSpeaksTheCustomersLanguage() {
    let candidates = [
        RoutingCandidate(id: agent(1), team: nil, skills: ["billing"], languages: ["en"], openCases: 0),
        RoutingCandidate(id: agent(2), team: nil, skills: ["billing"], languages: ["en", "ru"], openCases: 7),
    ]
    #expect(Routing.pick(candidates, for: RoutingNeed(team: nil, skill: "billing", language: "ru", from: nil))
        == agent(2))
}

@Test func handOffGoesToTheLeastLoadedSpeaker() {
    let candidates = [
        RoutingCandidate(id: agent(1), team: "Support", skills: ["refunds"], languages: ["tr"], openCases: 3),
        RoutingCandidate(id: agent(2), team: "Support", skills: ["refunds"], languages: ["tr"], openCases: 1),
        RoutingCandidate(id: agent(3), team: "Support", skills: ["refunds"], languages: ["tr"], openCases: 2),
    ]
    let need = RoutingNeed(team: "Support", skill: "refunds", language: "tr", from: nil)
    #expect(Routing.pick(candidates, for: need) == agent(2))
    // Order of the list does not matter, and ties go the same way every time.
    #expect(Routing.pick(candidates.reversed(), for: need) == agent(2))
    var tied = candidates
    tied[0].openCases = 1
    #expect(Routing.pick(tied, for: need) == Routing.pick(tied.reversed(), for: need))
}

@Test func handOffNeverGoesBackToTheAgentHandingOver() {
    let candidates = [
        RoutingCandidate(id: agent(1), team: nil, skills: ["legal"], languages: ["es"], openCases: 0),
        RoutingCandidate(id: agent(2), team: nil, skills: ["legal"], languages: ["es"], openCases: 9),
    ]
    #expect(Routing.pick(candidates, for: RoutingNeed(team: nil, skill: "legal", language: "es", from: agent(1)))
        == agent(2))
    #expect(Routing.pick([candidates[0]], for: RoutingNeed(team: nil, skill: "legal", language: "es", from: agent(1)))
        == nil)
}

@Test func handOffFindsNobodyWhenNobodyHasTheSkill() {
    let candidates = [
        RoutingCandidate(id: agent(1), team: "Support", skills: ["billing"], languages: ["tl"], openCases: 0),
        RoutingCandidate(id: agent(2), team: "Support", skills: ["delivery"], languages: ["tl"], openCases: 0),
    ]
    #expect(Routing.pick(candidates, for: RoutingNeed(team: nil, skill: "legal", language: "tl", from: nil)) == nil)
    #expect(Routing.pick(candidates, for: RoutingNeed(team: "Sales", skill: "billing", language: "tl", from: nil))
        == nil)
    #expect(Routing.pick([], for: RoutingNeed(team: nil, skill: nil, language: "tl", from: nil)) == nil)
}

@Test func handOffFallsBackToColleaguesWhoDoNotSpeakTheLanguage() {
    let candidates = [
        RoutingCandidate(id: agent(1), team: nil, skills: ["billing"], languages: ["en"], openCases: 4),
        RoutingCandidate(id: agent(2), team: nil, skills: ["billing"], languages: ["el"], openCases: 2),
        // The only Tagalog speaker lacks the skill and is not considered.
        RoutingCandidate(id: agent(3), team: nil, skills: ["delivery"], languages: ["tl"], openCases: 0),
    ]
    #expect(Routing.pick(candidates, for: RoutingNeed(team: nil, skill: "billing", language: "tl", from: nil))
        == agent(2))
}
