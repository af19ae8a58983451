// What each web page of the desk shows: one view-model struct per page, rendered by the Leaf template of the same
// name in `Views/`. Everything here is plain text; templates escape it all (only `Chart.svg`, which we draw, is not).

/// What every signed-in page has: who is signed in, the CSRF token for its forms, where they are.
struct DeskFrame: Encodable {
    var agentName: String
    var agentRole: String
    var isManager: Bool
    var csrf: String
    /// `inbox`, `escalations`, `dashboard`
    var nav: String
    /// A one-line message after an action ("Reply sent"), shown once.
    var flash: String?
    var flashTone: String?
}

struct LoginPage: Encodable {
    var title = "Sign in"
    var error: String?
    var email: String?
    /// Where to go after signing in.
    var next: String?
    var csrf: String
}

struct InboxPage: Encodable {
    struct Queue: Encodable {
        var id: String
        var label: String
        var url: String
        var active: Bool
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Row: Encodable {
        var reference: String
        var url: String
        var customer: String
        var subject: String
        var language: String
        var categories: [String]
        var anger: Int
        var angerLabel: String
        var stage: String
        var stageLabel: String
        /// "3 h left", "2 h late", "resolved"
        var due: String
        /// `late`, `soon`, `ok`, `none`
        var dueTone: String
        var hostile: Bool
    }

    var title: String
    var frame: DeskFrame
    var queues: [Queue]
    var queue: String
    var query: String
    var languages: [Option]
    var categories: [Option]
    var rows: [Row]
    var nextURL: String?
    var emptyText: String
}

struct CasePage: Encodable {
    struct Step: Encodable {
        var label: String
        /// `done`, `current`, `todo`
        var state: String
    }

    struct Item: Encodable {
        var wants: String
        var done: Bool
    }

    struct Action: Encodable {
        var action: String
        var label: String
        var reason: String
        var line: String?
    }

    /// A piece of a message; `label` and `why` when the analyzer or the coach found something there.
    struct Segment: Encodable {
        var text: String
        var label: String?
        var why: String?
        /// `signal` (customer's message) or `flag` / `move` (agent's reply)
        var kind: String?
    }

    struct MessageView: Encodable {
        /// `inbound`, `outbound`, `note`
        var direction: String
        var author: String
        var at: String
        var segments: [Segment]
        /// Short badges: "angry", "abuse", "churn", "wants: refund"...
        var badges: [String]
    }

    struct OfferView: Encodable {
        var kind: String
        var amount: String?
        var detail: String?
        var status: String
    }

    struct EscalationView: Encodable {
        var option: String
        var state: String
        var reasons: [String]
    }

    struct CommitmentView: Encodable {
        var id: String
        var what: String
        var owner: String
        var due: String
        /// `open`, `overdue`, `done`
        var state: String
    }

    struct HistoryItem: Encodable {
        var reference: String
        var url: String
        var stage: String
        var opened: String
    }

    struct Phrase: Encodable {
        var kind: String
        var label: String
        var line: String
    }

    struct StageOption: Encodable {
        var value: String
        var label: String
    }

    var title: String
    var frame: DeskFrame
    var reference: String
    var subject: String
    var stageLabel: String
    var priority: String
    var fault: String
    var language: String
    var languageName: String
    var assignee: String
    var team: String
    var opened: String
    var firstResponseDue: String
    var resolutionDue: String
    var peakAnger: String
    /// What the customer likes to be called comes first; the full name beneath it when it differs.
    var customerName: String
    var fullName: String?
    var customerEmail: String?
    var customerPhone: String?
    var history: [HistoryItem]
    var steps: [Step]
    var checklist: [Item]
    var actions: [Action]
    var messages: [MessageView]
    var offers: [OfferView]
    var escalations: [EscalationView]
    var commitments: [CommitmentView]
    var stages: [StageOption]
    var phrases: [Phrase]
    /// Form targets.
    var replyURL: String
    var stageURL: String
    /// For the composer's live coach: `POST` JSON `{"text", "case"}` here with header `X-CSRF-Token`.
    var coachURL: String
    /// A draft the server refused because the coach flagged it, put back in the composer.
    var draft: String?
    var draftFlagged: Bool
}

struct EscalationsPage: Encodable {
    struct Row: Encodable {
        var id: String
        var reference: String
        var caseURL: String
        var option: String
        var amount: String?
        var reasons: [String]
        var requestedBy: String
        var waiting: String
        var decideURL: String
    }

    var title: String
    var frame: DeskFrame
    var rows: [Row]
    /// The policy side by side: "agent: EUR 50 per case", "fast path: EUR 20", ...
    var policy: [String]
    var yourLimit: String
}

struct DashboardPage: Encodable {
    struct Tile: Encodable {
        var label: String
        var value: String
        var detail: String?
    }

    struct Chart: Encodable {
        var title: String
        /// An `<svg>` element drawn on the server (labels escaped), rendered as is.
        var svg: String
        /// The same figures as text, for screen readers and for anyone who prefers a table.
        var summary: String
    }

    var title: String
    var frame: DeskFrame
    var tiles: [Tile]
    var charts: [Chart]
}

/// The public complaint form (`/complaint`), in the customer's language, in the customer pages' look.
struct ComplaintFormPage: Encodable {
    struct Language: Encodable {
        var code: String
        var name: String
        var selected: Bool
        var url: String
    }

    var lang: String
    var title: String
    var organisation: String
    var intro: String
    var action: String
    var csrf: String
    var errorTitle: String
    var errors: [String]
    var languages: [Language]
    var languageLabel: String
    var nameLabel, preferredNameLabel, emailLabel, phoneLabel, contactHint, subjectLabel: String
    var textLabel, textHint, orderLabel, submit, privacy: String
    var name, preferredName, email, phone, subject, text, order: String
}

struct ComplaintDonePage: Encodable {
    var lang: String
    var title: String
    var organisation: String
    var reference: String
    /// The acknowledgement, one paragraph per entry.
    var paragraphs: [String]
}
