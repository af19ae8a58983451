// The web desk through real HTTP: sign-in with lockout, sessions and CSRF, the inbox and case pages, the composer's
// form and the live coach over the session, managers' pages, and the public complaint form in six languages.
@testable import DefuseServer
import DefuseCore
import DefuseStore
import Fluent
import Foundation
import Testing
import Vapor

extension TestServer.Reply {
    /// The value a `Set-Cookie` header gives `name`.
    func cookie(_ name: String) -> String? {
        headers[.setCookie].lazy.compactMap { line -> String? in
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            return pair.count == 2 && pair[0].trimmingCharacters(in: .whitespaces) == name ? String(pair[1]) : nil
        }.first
    }

    /// The value of the first hidden `csrf` field on the page.
    var csrfField: String? {
        guard let range = text.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        return String(text[range]).components(separatedBy: "value=\"").last.map { String($0.dropLast()) }
    }
}

extension TestServer {
    /// Makes an agent who can sign in with a real (bcrypt) password.
    func person(_ role: String, email: String, password: String = "a long good password") async throws {
        let hash = try await app.password.async.hash(password)
        _ = try await app.db.write { db in
            try await Accounts.createAgent(NewAgent(name: "Web \(role)", email: email, role: role, languages: ["en", "el"],
                                                    password: password), hash: { _ in hash }, on: db)
        }
    }

    /// Signs in through the login form and returns the session cookie.
    func signIn(_ email: String, password: String = "a long good password") async throws -> (cookies: [String: String], reply: Reply) {
        let form = try await send(.GET, "/login")
        let formCookie = try #require(form.cookie(WebSessionCookie.preSession))
        let reply = try await post("/login", ["email": email, "password": password, "csrf": form.csrfField ?? ""],
                                   cookies: [WebSessionCookie.preSession: formCookie])
        return (reply.cookie(WebSessionCookie.session).map { [WebSessionCookie.session: $0] } ?? [:], reply)
    }

    func post(_ path: String, _ fields: [String: String], cookies: [String: String] = [:]) async throws -> Reply {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.key, value: $0.value) }
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try await send(.POST, path, raw: Data(body.utf8), contentType: "application/x-www-form-urlencoded",
                              cookies: cookies)
    }
}

@Suite(.serialized) struct WebDeskTests {
    @Test func signingInOpensTheInboxAndFiveWrongPasswordsLockTheAccount() async throws {
        try await withServer { server in
            try await server.person("agent", email: "ana@example.com")
            let anonymous = try await server.send(.GET, "/inbox?queue=new")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location) == "/login?next=%2Finbox%3Fqueue%3Dnew")

            let wrong = try await server.signIn("ana@example.com", password: "not my password")
            #expect(wrong.reply.status == .unauthorized && wrong.cookies.isEmpty)
            #expect(wrong.reply.text.contains("do not match"))
            let (cookies, good) = try await server.signIn("ana@example.com")
            #expect(good.status == .seeOther && good.headers.first(name: .location) == "/inbox")
            #expect(try await server.send(.GET, "/inbox", cookies: cookies).status == .ok)
            let stored = try await WebSession.query(on: server.app.db).all()
            #expect(stored.count == 1 && stored[0].tokenHash != cookies[WebSessionCookie.session])

            // A stolen form cannot sign anyone in, and a redirect never leaves the site.
            let forged = try await server.post("/login", ["email": "ana@example.com", "password": "a long good password",
                                                          "csrf": "guess"])
            #expect(forged.status == .forbidden)
            #expect(SignInController.safeNext("//evil.example/x") == "/inbox")

            for _ in 0..<5 { _ = try await server.signIn("ana@example.com", password: "wrong again") }
            let locked = try await server.signIn("ana@example.com")
            #expect(locked.reply.status == .tooManyRequests && locked.cookies.isEmpty)

            // Signing out ends the session on the server, not just in the browser.
            let page = try await server.send(.GET, "/inbox", cookies: cookies)
            let out = try await server.post("/logout", ["csrf": page.csrfField ?? ""], cookies: cookies)
            #expect(out.status == .seeOther)
            #expect(try await server.send(.GET, "/inbox", cookies: cookies).status == .seeOther)
        }
    }

    @Test func theInboxQueuesAndTheCasePageShowCustomerTextEscapedAndHighlighted() async throws {
        try await withServer { server in
            try await server.person("agent", email: "ana@example.com")
            let (reference, _) = try await server.open(
                "You idiots <script>alert('x')</script> sold me a broken heater, I want a refund!", language: "en")
            let (cookies, _) = try await server.signIn("ana@example.com")
            let new = try await server.send(.GET, "/inbox?queue=new", cookies: cookies)
            #expect(new.status == .ok && new.text.contains(reference))
            let hostile = try await server.send(.GET, "/inbox?queue=hostile", cookies: cookies)
            #expect(hostile.text.contains(reference))
            let search = try await server.send(.GET, "/inbox?queue=all&q=heater", cookies: cookies)
            #expect(search.text.contains(reference))
            let byReference = try await server.send(.GET, "/inbox?queue=all&q=\(reference.lowercased())", cookies: cookies)
            #expect(byReference.text.contains(reference))
            let mine = try await server.send(.GET, "/inbox?queue=mine", cookies: cookies)
            #expect(!mine.text.contains(reference))
            // Language and category together read the category rows, which carry the case's language.
            let category = try #require(try await CaseCategory.query(on: server.app.db).first())
            #expect(category.language == "en")
            let both = try await server.send(.GET, "/inbox?queue=all&language=en&category=\(category.category)",
                                             cookies: cookies)
            #expect(both.text.contains(reference))
            let otherLanguage = try await server.send(.GET, "/inbox?queue=all&language=el&category=\(category.category)",
                                                      cookies: cookies)
            #expect(!otherLanguage.text.contains(reference))

            let page = try await server.send(.GET, "/cases/\(reference)", cookies: cookies)
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert"))
            #expect(page.text.contains("&lt;script&gt;"))
            #expect(page.text.contains("<mark"))
            #expect(page.text.contains("insult or profanity aimed at staff"))
            let policy = page.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(policy.contains("frame-ancestors 'none'"))
        }
    }

    @Test func theComposerRefusesAFlaggedReplyUnlessSentAnywayAndNeedsTheCSRFToken() async throws {
        try await withServer { server in
            try await server.person("agent", email: "ana@example.com")
            let (reference, _) = try await server.open("My coffee was cold and the barista ignored me.", language: "en")
            let (cookies, _) = try await server.signIn("ana@example.com")
            let page = try await server.send(.GET, "/cases/\(reference)", cookies: cookies)
            let csrf = try #require(page.csrfField)
            let draft = "It's made properly, you just like a dry cappuccino."

            let noToken = try await server.post("/cases/\(reference)/reply", ["text": draft], cookies: cookies)
            #expect(noToken.status == .forbidden)
            let flagged = try await server.post("/cases/\(reference)/reply", ["text": draft, "csrf": csrf], cookies: cookies)
            #expect(flagged.status == .unprocessableEntity)
            #expect(flagged.text.contains("dry cappuccino"))  // the draft is back in the composer, not lost
            let anyway = try await server.post("/cases/\(reference)/reply",
                                               ["text": draft, "csrf": csrf, "send_anyway": "yes"], cookies: cookies)
            #expect(anyway.status == .seeOther)
            #expect(try await server.events(reference).contains("sent_anyway"))

            // The live coach calls the API with the session and the token in a header.
            let coach = try await server.send(.POST, "/api/v1/coach", json: ["text": draft, "case": reference],
                                              cookies: cookies, headers: ["X-CSRF-Token": csrf])
            #expect(coach.status == .ok && coach.json["verdict"] as? String == "revise")
            let forged = try await server.send(.POST, "/api/v1/coach", json: ["text": draft], cookies: cookies)
            #expect(forged.status == .forbidden)

            let move = try await server.post("/cases/\(reference)/stage", ["stage": "agreeing", "csrf": csrf],
                                             cookies: cookies)
            #expect(move.status == .unprocessableEntity && move.text.contains("give a reason"))
            let moved = try await server.post("/cases/\(reference)/stage",
                                              ["stage": "agreeing", "reason": "talked on the phone", "csrf": csrf],
                                              cookies: cookies)
            #expect(moved.status == .seeOther)
            #expect(try await server.caseRecord(reference).stage == "agreeing")
        }
    }

    @Test func managersDecideEscalationsAndSeeTheDashboardAgentsDoNot() async throws {
        try await withServer { server in
            try await server.person("agent", email: "ana@example.com")
            try await server.person("manager", email: "mia@example.com")
            let agentToken = try await server.agentToken(role: "agent")
            let (reference, _) = try await server.open("The sofa arrived torn. I want my money back.", language: "en")
            let offered = try await server.send(.POST, "/api/v1/cases/\(reference)/offers", json: [
                "options": [["kind": "refund", "amount": 300]], "evidence": ["receipt"],
            ], token: agentToken)
            let options = try #require(offered.json["options"] as? [[String: Any]])
            let escalation = try #require(options.first?["escalation"] as? [String: Any])
            let escalationID = try #require(escalation["id"] as? String)

            let agent = try await server.signIn("ana@example.com")
            #expect(try await server.send(.GET, "/dashboard", cookies: agent.cookies).status == .forbidden)
            #expect(try await server.send(.GET, "/escalations", cookies: agent.cookies).status == .forbidden)

            let manager = try await server.signIn("mia@example.com")
            let list = try await server.send(.GET, "/escalations", cookies: manager.cookies)
            #expect(list.status == .ok && list.text.contains(reference) && list.text.contains("EUR 500"))
            let decided = try await server.post("/escalations/\(escalationID)/decision",
                                                ["decision": "approve", "reason": "sofa was ours", "csrf": list.csrfField ?? ""],
                                                cookies: manager.cookies)
            #expect(decided.status == .seeOther)
            #expect(try await EscalationRecords.require(UUID(uuidString: escalationID)!, on: server.app.db).state == "approved")

            let dashboard = try await server.send(.GET, "/dashboard", cookies: manager.cookies)
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("<svg") && dashboard.text.contains("Complaints per category per week"))
        }
    }

    @Test(arguments: [
        ("el", "Γιώργος", "Η παραγγελία μου ήρθε σπασμένη και κανείς δεν απαντά."),
        ("tl", "Marites", "Sira po ang dumating na order ko at walang sumasagot sa akin."),
    ])
    func theComplaintFormSpeaksTheCustomersLanguage(language: String, name: String, text: String) async throws {
        try await withServer { server in
            let words = CustomerTexts.of(language).complaintForm
            let byQuery = try await server.send(.GET, "/complaint?lang=\(language)")
            #expect(byQuery.text.contains("<html lang=\"\(language)\"") && byQuery.text.contains(words.submit))
            let browserCode = language == "tl" ? "fil-PH" : "\(language)-\(language.uppercased())"
            let byBrowser = try await server.send(.GET, "/complaint", headers: ["Accept-Language": "\(browserCode),en;q=0.5"])
            #expect(byBrowser.text.contains(words.textLabel))
            let cookie = try #require(byQuery.cookie(WebSessionCookie.preSession))
            let csrf = try #require(byQuery.csrfField)

            let missing = try await server.post("/complaint", ["lang": language, "csrf": csrf, "name": name, "text": text],
                                                cookies: [WebSessionCookie.preSession: cookie])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains(words.contactRequired) && missing.text.contains(name))
            #expect(try await server.count(Case.self) == 0)

            let sent = try await server.post("/complaint", [
                "lang": language, "csrf": csrf, "name": name, "email": "\(language)@example.com", "text": text,
                "order": "A-1234",
            ], cookies: [WebSessionCookie.preSession: cookie])
            #expect(sent.status == .created)
            let record = try #require(try await Case.query(on: server.app.db).first())
            #expect(record.language == language)
            #expect(sent.text.contains(record.reference) && sent.text.contains(words.doneTitle))
            let stored = try #require(try await Message.query(on: server.app.db).filter(\.$direction == "inbound").first())
            #expect(stored.text.hasSuffix("[A-1234]"))
        }
    }
}
