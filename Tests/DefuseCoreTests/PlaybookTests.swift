// The playbook: what each stage wants done, which moves are allowed, and that skipping costs a reason.
import DefuseAnalysis
@testable import DefuseCore
import Testing

/// The checklist of `stage` as (id, done) pairs.
private func items(_ stage: Stage, _ facts: PlaybookFacts) -> [String: Bool] {
    Dictionary(uniqueKeysWithValues: Playbook.checklist(for: stage, facts).map { ($0.id, $0.done) })
}

private func moveError(from: Stage, to: Stage, _ facts: PlaybookFacts = PlaybookFacts(), reason: String? = nil)
    -> DefuseError? {
    do {
        _ = try Playbook.move(from: from, to: to, facts, reason: reason)
        return nil
    } catch {
        return error
    }
}

/// Everything every stage wants, done.
private let allDone = PlaybookFacts(fault: .ours, customerInformed: true, replyMoves: [.apology, .clarify],
                                    problemNamed: true, optionsOffered: true, customerApproved: true,
                                    openCommitments: 0)

@Test func newWantsTheAcknowledgementSent() {
    #expect(items(.new, PlaybookFacts()) == ["acknowledgement_sent": false])
    #expect(items(.new, PlaybookFacts(customerInformed: true)) == ["acknowledgement_sent": true])
}

@Test func acknowledgedWantsTheProblemAcknowledged() {
    #expect(items(.acknowledged, PlaybookFacts()) == ["problem_acknowledged": false])
    #expect(items(.acknowledged, PlaybookFacts(replyMoves: [.clarify, .timeline])) == ["problem_acknowledged": false])
    for move in [CoachMove.acknowledge, .apology, .empathy] {
        #expect(items(.acknowledged, PlaybookFacts(replyMoves: [move])) == ["problem_acknowledged": true])
    }
}

@Test func clarifyingIsDoneByAQuestionOrByAComplaintThatNamesTheProblem() {
    #expect(items(.clarifying, PlaybookFacts()) == ["problem_understood": false])
    #expect(items(.clarifying, PlaybookFacts(replyMoves: [.clarify])) == ["problem_understood": true])
    #expect(items(.clarifying, PlaybookFacts(problemNamed: true)) == ["problem_understood": true])
}

@Test func owningAsksForTheFaultOwnedWhenItIsOurs() {
    #expect(items(.owning, PlaybookFacts(fault: .ours)) == ["fault_owned": false])
    #expect(items(.owning, PlaybookFacts(fault: .ours, replyMoves: [.acknowledge])) == ["fault_owned": true])
    #expect(items(.owning, PlaybookFacts(fault: .ours, replyMoves: [.apology])) == ["fault_owned": true])
    // Empathy alone does not own a fault that is ours.
    #expect(items(.owning, PlaybookFacts(fault: .ours, replyMoves: [.empathy])) == ["fault_owned": false])
}

@Test func owningAsksForFeelingsAcknowledgedWhenTheFaultIsNotKnown() {
    #expect(items(.owning, PlaybookFacts(fault: .unknown)) == ["feelings_acknowledged": false])
    #expect(items(.owning, PlaybookFacts(fault: .unknown, replyMoves: [.empathy])) == ["feelings_acknowledged": true])
    #expect(items(.owning, PlaybookFacts(fault: .customer, replyMoves: [.apology])) == ["feelings_acknowledged": true])
    #expect(items(.owning, PlaybookFacts(fault: .unknown, replyMoves: [.acknowledge]))
        == ["feelings_acknowledged": false])
}

@Test func laterStagesWantOptionsApprovalAndKeptPromises() {
    #expect(items(.agreeing, PlaybookFacts()) == ["options_offered": false])
    #expect(items(.agreeing, PlaybookFacts(optionsOffered: true)) == ["options_offered": true])
    #expect(items(.awaitingApproval, PlaybookFacts()) == ["customer_approved": false])
    #expect(items(.awaitingApproval, PlaybookFacts(customerApproved: true)) == ["customer_approved": true])
    #expect(items(.inProgress, PlaybookFacts(openCommitments: 2)) == ["promises_kept": false])
    #expect(items(.inProgress, PlaybookFacts(openCommitments: 0)) == ["promises_kept": true])
    for stage in [Stage.resolved, .closed, .reopened] {
        #expect(Playbook.checklist(for: stage, PlaybookFacts()).isEmpty)
    }
}

@Test func checklistItemsSayWhatTheyWantAndWhichStageTheyBelongTo() {
    for stage in Playbook.order {
        for item in Playbook.checklist(for: stage, PlaybookFacts()) {
            #expect(item.stage == stage)
            #expect(!item.wants.isEmpty)
        }
    }
}

@Test func movingForwardWithEverythingDoneNeedsNoReason() throws {
    let move = try Playbook.move(from: .new, to: .inProgress, allDone, reason: nil)
    #expect(move == StageMove(from: .new, to: .inProgress, skipped: [], reason: nil))
    let next = try Playbook.move(from: .agreeing, to: .awaitingApproval, PlaybookFacts(optionsOffered: true),
                                 reason: nil)
    #expect(next.skipped.isEmpty)
}

@Test func movingForwardPastUnmetItemsNeedsAReason() throws {
    let facts = PlaybookFacts(fault: .unknown, customerInformed: true)
    #expect(moveError(from: .acknowledged, to: .agreeing, facts) == .invalidField(
        "reason", "moving to agreeing leaves problem_acknowledged, problem_understood, feelings_acknowledged undone; "
            + "give a reason to move on anyway"))
    // Blank is no reason.
    #expect(moveError(from: .acknowledged, to: .agreeing, facts, reason: "  \n ")?.field == "reason")
    let move = try Playbook.move(from: .acknowledged, to: .agreeing, facts,
                                 reason: "  the customer explained everything on the phone ")
    #expect(move.skipped.map(\.id) == ["problem_acknowledged", "problem_understood", "feelings_acknowledged"])
    #expect(move.skipped.allSatisfy { !$0.done })
    #expect(move.reason == "the customer explained everything on the phone")
}

@Test func onlyTheUnmetItemsAreSkipped() throws {
    let facts = PlaybookFacts(fault: .ours, customerInformed: true, replyMoves: [.apology])
    let move = try Playbook.move(from: .new, to: .agreeing, facts, reason: "urgent")
    #expect(move.skipped.map(\.id) == ["problem_understood"])
    #expect(move.skipped.map(\.stage) == [.clarifying])
}

@Test func goingBackAStepNeedsNoReason() throws {
    let move = try Playbook.move(from: .awaitingApproval, to: .agreeing, PlaybookFacts(), reason: nil)
    #expect(move.skipped.isEmpty)
    #expect(move.reason == nil)
    #expect(moveError(from: .inProgress, to: .clarifying) == nil)
}

@Test func closingACaseThatWasNeverResolvedNeedsAReason() throws {
    #expect(moveError(from: .inProgress, to: .closed, allDone)
        == .invalidField("reason", "closing a case that was never resolved needs a reason"))
    #expect(moveError(from: .new, to: .closed)?.field == "reason")
    let move = try Playbook.move(from: .clarifying, to: .closed, PlaybookFacts(), reason: "duplicate of C-7Q2K4")
    #expect(move.to == .closed)
    #expect(move.reason == "duplicate of C-7Q2K4")
}

@Test func resolvedCaseClosesWithoutAReason() throws {
    let move = try Playbook.move(from: .resolved, to: .closed, PlaybookFacts(), reason: nil)
    #expect(move == StageMove(from: .resolved, to: .closed, skipped: [], reason: nil))
}

@Test func closedCaseCanBeReopened() throws {
    let move = try Playbook.move(from: .closed, to: .reopened, PlaybookFacts(), reason: nil)
    #expect(move.to == .reopened)
    #expect(moveError(from: .closed, to: .inProgress)?.field == "stage")
}

@Test func movingToTheSameStageIsAConflict() {
    #expect(moveError(from: .owning, to: .owning) == .conflict("the case is already owning", field: "stage"))
    #expect(moveError(from: .owning, to: .owning)?.code == "conflict")
}

@Test func noCaseGoesBackToNew() {
    #expect(moveError(from: .acknowledged, to: .new) == .invalidField(
        "stage", "cannot go from acknowledged to new; allowed: clarifying, owning, agreeing, awaiting_approval, "
            + "in_progress, resolved, closed"))
    #expect(moveError(from: .reopened, to: .new)?.field == "stage")
    #expect(moveError(from: .resolved, to: .new)?.field == "stage")
}

@Test func allowedMovesFollowThePlaybook() {
    #expect(Playbook.allowedMoves(from: .resolved) == [.closed, .reopened])
    #expect(Playbook.allowedMoves(from: .closed) == [.reopened])
    #expect(Playbook.allowedMoves(from: .reopened)
        == [.acknowledged, .clarifying, .owning, .agreeing, .awaitingApproval, .inProgress, .resolved, .closed])
    #expect(Playbook.allowedMoves(from: .owning)
        == [.acknowledged, .clarifying, .agreeing, .awaitingApproval, .inProgress, .resolved, .closed])
    for stage in Stage.allCases {
        let moves = Playbook.allowedMoves(from: stage)
        #expect(!moves.contains(stage))
        #expect(!moves.contains(.new))
    }
}
