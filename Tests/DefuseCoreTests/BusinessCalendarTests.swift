// SLA time runs only while the desk is open, in the desk's own time zone: nights, weekends, holidays and
// daylight-saving changes do not eat into a customer's promised answer time.
@testable import DefuseCore
import Foundation
import Testing

private let utc = TimeZone(identifier: "UTC")!
private let athens = TimeZone(identifier: "Europe/Athens")!
private let manila = TimeZone(identifier: "Asia/Manila")!
private let newYork = TimeZone(identifier: "America/New_York")!
private let hour: TimeInterval = 3600

/// A local wall-clock moment in `zone`.
private func local(_ zone: TimeZone, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

@Test func businessTimeStopsOvernightAndResumesAtOpening() {
    let desk = BusinessCalendar.weekdays(in: utc)
    // Tuesday 24 November 2026, 16:00: one hour left today, the second one starts at 09:00 on Wednesday.
    let due = desk.adding(2 * hour, to: local(utc, 2026, 11, 24, 16))
    #expect(due == local(utc, 2026, 11, 25, 10))
}

@Test func businessTimeSkipsTheWeekend() {
    let desk = BusinessCalendar.weekdays(in: utc)
    // Friday 27 November 2026, 16:30: half an hour on Friday, the rest on Monday morning.
    let due = desk.adding(1 * hour, to: local(utc, 2026, 11, 27, 16, 30))
    #expect(due == local(utc, 2026, 11, 30, 9, 30))
}

@Test func businessTimeSkipsAHoliday() {
    let desk = BusinessCalendar.weekdays(in: utc, holidays: ["2026-12-25"])
    // Thursday 24 December, 16:00; Friday 25 is Christmas, then the weekend.
    let due = desk.adding(2 * hour, to: local(utc, 2026, 12, 24, 16))
    #expect(due == local(utc, 2026, 12, 28, 10))
    // Without the holiday the answer is due on Christmas morning.
    #expect(BusinessCalendar.weekdays(in: utc).adding(2 * hour, to: local(utc, 2026, 12, 24, 16))
        == local(utc, 2026, 12, 25, 10))
    #expect(!desk.isOpen(at: local(utc, 2026, 12, 25, 11)))
}

@Test func businessTimeAcrossTheAutumnClockChangeKeepsLocalOpeningHours() {
    // Athens leaves summer time at 04:00 on Sunday 25 October 2026: Friday is UTC+3, Monday is UTC+2.
    let desk = BusinessCalendar.weekdays(in: athens)
    let friday = local(athens, 2026, 10, 23, 16)
    let due = desk.adding(2 * hour, to: friday)
    #expect(due == local(athens, 2026, 10, 26, 10))
    #expect(due == Date(timeIntervalSince1970: 1_793_001_600))  // 2026-10-26T08:00:00Z
    // 67 hours of wall clock (the night of the change is an hour longer), yet two hours of business time.
    #expect(due.timeIntervalSince(friday) == 67 * hour)
    #expect(desk.businessSeconds(from: friday, to: due) == 2 * hour)
}

@Test func businessTimeAcrossTheSpringClockChangeKeepsLocalOpeningHours() {
    // Athens moves to summer time at 03:00 on Sunday 29 March 2026.
    let desk = BusinessCalendar.weekdays(in: athens)
    let friday = local(athens, 2026, 3, 27, 16)
    let due = desk.adding(2 * hour, to: friday)
    #expect(due == local(athens, 2026, 3, 30, 10))
    #expect(due.timeIntervalSince(friday) == 65 * hour)
}

@Test func startingOutsideHoursCountsFromTheNextOpening() {
    let desk = BusinessCalendar.weekdays(in: utc)
    // Saturday 28 November: nothing counts until Monday 09:00.
    #expect(desk.adding(0.5 * hour, to: local(utc, 2026, 11, 28, 11)) == local(utc, 2026, 11, 30, 9, 30))
    // Before opening on a weekday.
    #expect(desk.adding(1 * hour, to: local(utc, 2026, 11, 24, 7)) == local(utc, 2026, 11, 24, 10))
    // After closing on a weekday.
    #expect(desk.adding(1 * hour, to: local(utc, 2026, 11, 24, 20)) == local(utc, 2026, 11, 25, 10))
    // Exactly a full day's hours from opening ends at closing, not the next morning.
    #expect(desk.adding(8 * hour, to: local(utc, 2026, 11, 24, 9)) == local(utc, 2026, 11, 24, 17))
}

@Test func deskIsOpenOnlyDuringItsHours() {
    let desk = BusinessCalendar.weekdays(in: utc)
    #expect(desk.isOpen(at: local(utc, 2026, 11, 24, 9)))
    #expect(desk.isOpen(at: local(utc, 2026, 11, 24, 16, 59)))
    #expect(!desk.isOpen(at: local(utc, 2026, 11, 24, 17)))
    #expect(!desk.isOpen(at: local(utc, 2026, 11, 24, 8, 59)))
    #expect(!desk.isOpen(at: local(utc, 2026, 11, 28, 12)))  // Saturday
}

@Test func businessSecondsBetweenTwoMomentsCountOnlyOpenTime() {
    let desk = BusinessCalendar.weekdays(in: utc)
    let friday = local(utc, 2026, 11, 27, 16)
    let monday = local(utc, 2026, 11, 30, 10)
    #expect(desk.businessSeconds(from: friday, to: monday) == 2 * hour)
    // Monday 09:00 to Friday 17:00 is a full working week.
    #expect(desk.businessSeconds(from: local(utc, 2026, 11, 30, 9), to: local(utc, 2026, 12, 4, 17)) == 40 * hour)
    // Entirely inside a weekend.
    #expect(desk.businessSeconds(from: local(utc, 2026, 11, 28, 9), to: local(utc, 2026, 11, 29, 17)) == 0)
    // End before start.
    #expect(desk.businessSeconds(from: monday, to: friday) == 0)
    // Adding and measuring agree.
    let start = local(utc, 2026, 11, 25, 13, 15)
    #expect(desk.businessSeconds(from: start, to: desk.adding(19 * hour, to: start)) == 19 * hour)
}

@Test func alwaysOpenCalendarEqualsWallClock() {
    let start = local(athens, 2026, 10, 24, 12)  // the day before the clock change
    for calendar in [BusinessCalendar.always(), BusinessCalendar.always(in: athens)] {
        for seconds in [0.0, 90, 5 * hour, 48 * hour, 200 * hour] {
            #expect(calendar.adding(seconds, to: start) == start.addingTimeInterval(seconds))
            #expect(calendar.businessSeconds(from: start, to: start.addingTimeInterval(seconds)) == seconds)
        }
        #expect(calendar.isOpen(at: local(utc, 2026, 12, 25, 3)))
    }
}

@Test func calendarWithNoOpeningHoursFallsBackToWallClock() {
    let closed = BusinessCalendar(timeZone: utc, week: [:])
    let start = local(utc, 2026, 11, 28, 11)
    #expect(closed.adding(3 * hour, to: start) == start.addingTimeInterval(3 * hour))
    #expect(closed.businessSeconds(from: start, to: start.addingTimeInterval(3 * hour)) == 3 * hour)
}

@Test func theSameInstantMeansDifferentThingsToDesksInDifferentTimeZones() {
    // Tuesday 24 November 2026 08:00 UTC: 10:00 in Athens, 16:00 in Manila, 03:00 in New York.
    let instant = local(utc, 2026, 11, 24, 8)
    let athensDesk = BusinessCalendar.weekdays(in: athens)
    let manilaDesk = BusinessCalendar.weekdays(in: manila)
    let newYorkDesk = BusinessCalendar.weekdays(in: newYork)
    #expect(athensDesk.isOpen(at: instant))
    #expect(manilaDesk.isOpen(at: instant))
    #expect(!newYorkDesk.isOpen(at: instant))
    // Two business hours later, on each desk's own clock.
    #expect(athensDesk.adding(2 * hour, to: instant) == local(athens, 2026, 11, 24, 12))
    #expect(manilaDesk.adding(2 * hour, to: instant) == local(manila, 2026, 11, 25, 10))
    #expect(newYorkDesk.adding(2 * hour, to: instant) == local(newYork, 2026, 11, 24, 11))
}

@Test func holidaysAreLocalDatesInTheDesksTimeZone() {
    // 23:30 UTC on 24 December is already Christmas Day in Athens.
    let desk = BusinessCalendar(timeZone: athens, week: BusinessCalendar.always(in: athens).week, holidays: ["2026-12-25"])
    #expect(!desk.isOpen(at: local(utc, 2026, 12, 24, 23, 30)))
    #expect(desk.isOpen(at: local(utc, 2026, 12, 24, 21, 30)))
    #expect(desk.adding(1 * hour, to: local(athens, 2026, 12, 25, 12)) == local(athens, 2026, 12, 26, 1))
}

@Test func serviceDeadlinesAreCountedInBusinessHours() {
    let targets = Policy.standard.targets
    let desk = Policy.standard.calendar(in: athens)
    // Friday 27 November 2026, 16:00 in Athens.
    let opened = local(athens, 2026, 11, 27, 16)
    let normal = targets.deadlines(openedAt: opened, priority: .normal, calendar: desk)
    // 8 hours: one on Friday, seven on Monday.
    #expect(normal.firstResponse == local(athens, 2026, 11, 30, 16))
    // 40 hours: one on Friday, four full days, seven on the next Friday.
    #expect(normal.resolution == local(athens, 2026, 12, 4, 16))
    let urgent = targets.deadlines(openedAt: opened, priority: .urgent, calendar: desk)
    #expect(urgent.firstResponse == local(athens, 2026, 11, 27, 17))
    // Without a calendar the same targets run on the wall clock.
    let wall = targets.deadlines(openedAt: opened, priority: .normal)
    #expect(wall.firstResponse == opened.addingTimeInterval(8 * hour))
    #expect(wall.resolution == opened.addingTimeInterval(40 * hour))
}

@Test func serviceDeadlinesUseDefaultsForAPriorityWithNoTarget() {
    let targets = ServiceTargets(firstResponse: [:], resolution: [:])
    let opened = local(utc, 2026, 11, 24, 8)
    let due = targets.deadlines(openedAt: opened, priority: .high)
    #expect(due.firstResponse == opened.addingTimeInterval(8 * hour))
    #expect(due.resolution == opened.addingTimeInterval(72 * hour))
}

@Test func policyBusinessHoursBecomeTheDesksWeek() {
    var policy = Policy.standard
    policy.businessHours = ["sat": "10:00-14:00", "mon": "08:30-12:00"]
    policy.holidays = ["2026-12-28"]
    let desk = policy.calendar(in: athens)
    #expect(desk.week == [7: OpeningHours(open: 600, close: 840), 2: OpeningHours(open: 510, close: 720)])
    #expect(desk.holidays == ["2026-12-28"])
    #expect(desk.timeZone == athens)
    #expect(desk.isOpen(at: local(athens, 2026, 11, 28, 11)))  // Saturday
    #expect(!desk.isOpen(at: local(athens, 2026, 11, 30, 13)))  // Monday afternoon
}

@Test func openingHoursParseGoodText() throws {
    let hours = try #require(OpeningHours("09:00-17:30"))
    #expect(hours == OpeningHours(open: 540, close: 1050))
    #expect(hours.text == "09:00-17:30")
    #expect(OpeningHours(" 08:15 - 12:00 ") == OpeningHours(open: 495, close: 720))
    #expect(OpeningHours("9:00-17:00") == OpeningHours(open: 540, close: 1020))
    let allDay = try #require(OpeningHours("00:00-24:00"))
    #expect(allDay == OpeningHours(open: 0, close: 1440))
    #expect(allDay.text == "00:00-24:00")
}

@Test func openingHoursRejectBadText() {
    for text in ["9-5", "17:00-09:00", "09:00-09:00", "", "09:00", "09:00-17:00-18:00", "25:00-26:00",
                 "09:60-10:00", "09:00-24:30", "nine-five", "09:00 to 17:00", "09:00--17:00", "-1:00-05:00", "+9:00-17:00"] {
        #expect(OpeningHours(text) == nil, "\(text) should not parse")
    }
}
