// How soon a case must get its first answer and its resolution, by priority.
import Foundation

public struct ServiceTargets: Sendable, Equatable {
    public var firstResponse: [Priority: TimeInterval]
    public var resolution: [Priority: TimeInterval]

    public static let standard = ServiceTargets(
        firstResponse: [.urgent: 1 * 3600, .high: 4 * 3600, .normal: 8 * 3600, .low: 24 * 3600],
        resolution: [.urgent: 24 * 3600, .high: 48 * 3600, .normal: 72 * 3600, .low: 168 * 3600]
    )

    /// Due times for a case opened at `opened` with `priority`. Counted on the wall clock until business hours
    /// arrive with the playbook.
    public func deadlines(openedAt opened: Date, priority: Priority) -> (firstResponse: Date, resolution: Date) {
        (opened.addingTimeInterval(firstResponse[priority] ?? 8 * 3600),
         opened.addingTimeInterval(resolution[priority] ?? 72 * 3600))
    }
}
