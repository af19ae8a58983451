// References are short, unambiguous and found however a person types them; ids sort by creation time.
import DefuseCore
import Foundation
import Testing

@Test func referencesUseOnlyUnambiguousSymbols() {
    for _ in 0..<500 {
        let reference = CaseReference.make()
        #expect(reference.count == 7)
        #expect(reference.hasPrefix("C-"))
        #expect(!reference.dropFirst(2).contains { "01OI".contains($0) })
    }
}

@Test func referenceTypedInLowercaseWithSpacesIsFound() {
    #expect(CaseReference.normalise(" c-7q2k4 ") == "C-7Q2K4")
    #expect(CaseReference.normalise("C-7Q2K") == nil)
    #expect(CaseReference.normalise("C-7Q2K0") == nil)
    #expect(CaseReference.normalise("'; drop table cases") == nil)
}

@Test func timeOrderedIDsSortLikeTheirCreationTimes() {
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let ids = (0..<200).map { TimeOrderedID.make(at: start.addingTimeInterval(Double($0) * 0.5)) }
    #expect(zip(ids, ids.dropFirst()).allSatisfy { $0.uuidString < $1.uuidString })
    #expect(abs(TimeOrderedID.date(of: ids[10]).timeIntervalSince(start.addingTimeInterval(5))) < 0.001)
    #expect(ids[0].uuidString.dropFirst(14).first == "7")  // version 7
}

@Test func deadlinesFollowPriority() {
    let opened = Date(timeIntervalSince1970: 1_790_000_000)
    let urgent = Policy.standard.targets.deadlines(openedAt: opened, priority: .urgent)
    let low = Policy.standard.targets.deadlines(openedAt: opened, priority: .low)
    #expect(urgent.firstResponse.timeIntervalSince(opened) == 3600)
    #expect(urgent.firstResponse < low.firstResponse)
    #expect(urgent.resolution < low.resolution)
}

@Test func idsMadeOneAfterAnotherKeepTheirOrderWithinAMillisecond() {
    // 5,000 ids take a few milliseconds, so most share their millisecond with others.
    let ids = (0..<5_000).map { _ in TimeOrderedID.make() }.map(\.uuidString)
    let outOfOrder = zip(ids, ids.dropFirst()).filter { $0 >= $1 }.count
    #expect(outOfOrder == 0)
    #expect(Set(ids).count == ids.count)
}

@Test func idsStampedWithAMomentThePresentHasPassedStillKeepTheirOrder() {
    // Two requests stamp their events with the moments they started; meanwhile the present has moved on.
    let first = Date().addingTimeInterval(-1), second = first.addingTimeInterval(0.2)
    var mine: [UUID] = [], theirs: [UUID] = []
    for _ in 0..<200 {
        mine.append(TimeOrderedID.make(at: first))
        _ = TimeOrderedID.make()
        theirs.append(TimeOrderedID.make(at: second))
    }
    let ids = mine + theirs
    #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
}

@Test func idsForOneMomentKeepTheirOrderWhenThePresentMovesOnBetweenThem() {
    // A change stamps its events with the moment it started; the first is made while that moment is the present,
    // the second after a slow database round trip has moved the present on by more than a few milliseconds.
    let moment = Date()
    let stageChanged = TimeOrderedID.make(at: moment)
    _ = TimeOrderedID.make(at: moment.addingTimeInterval(0.05))
    let checklistSkipped = TimeOrderedID.make(at: moment)
    #expect(stageChanged.uuidString < checklistSkipped.uuidString)
    #expect(TimeOrderedID.date(of: checklistSkipped).timeIntervalSince(moment) < 0.001)
}
