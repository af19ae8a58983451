// How soon a case must get its first answer and its resolution, by priority.
import Foundation

public struct ServiceTargets: Sendable, Equatable {
    public var firstResponse: [Priority: TimeInterval]
    public var resolution: [Priority: TimeInterval]

    public init(firstResponse: [Priority: TimeInterval], resolution: [Priority: TimeInterval]) {
        self.firstResponse = firstResponse
        self.resolution = resolution
    }

    /// Due times for a case opened at `opened` with `priority`, counted in the desk's business hours.
    public func deadlines(
        openedAt opened: Date, priority: Priority, calendar: BusinessCalendar = .always()
    ) -> (firstResponse: Date, resolution: Date) {
        (calendar.adding(firstResponse[priority] ?? 8 * 3600, to: opened),
         calendar.adding(resolution[priority] ?? 72 * 3600, to: opened))
    }
}
