// Every route of the server, with the role each needs.
import DefuseCore
import Vapor

func routes(_ app: Application) throws {
    app.get("healthz", use: AdminController.health)

    // The customer's pages: the signed link is the credential.
    app.get("c", ":token", use: CustomerPageController.showOptions)
    app.post("c", ":token", use: CustomerPageController.answerOptions)
    app.get("s", ":token", use: CustomerPageController.showSurvey)
    app.post("s", ":token", use: CustomerPageController.answerSurvey)

    // The web desk. Pages need a signed-in agent (others go to /login); every form carries the session's CSRF token.
    app.get { $0.redirect(to: "/inbox") }
    app.get("assets", ":file", use: DeskAssets.serve)
    app.get("login", use: SignInController.show)
    app.post("login", use: SignInController.signIn)
    app.get("complaint", use: ComplaintFormController.show)
    app.post("complaint", use: ComplaintFormController.submit)
    let desk = app.grouped(RedirectToLogin()).grouped(RequireCSRF())
    desk.post("logout", use: SignInController.signOut)
    desk.get("inbox", use: DeskController.inbox)
    desk.get("cases", ":reference", use: DeskController.casePage)
    desk.post("cases", ":reference", "reply", use: DeskController.reply)
    desk.post("cases", ":reference", "stage", use: DeskController.moveStage)
    desk.post("commitments", ":id", "done", use: DeskController.commitmentDone)
    let managerPages = app.grouped(RedirectToLogin(minimum: .manager)).grouped(RequireCSRF())
    managerPages.get("escalations", use: ManagerPagesController.escalations)
    managerPages.post("escalations", ":id", "decision", use: ManagerPagesController.decide)
    managerPages.get("dashboard", use: ManagerPagesController.dashboard)

    let api = app.grouped("api", "v1").grouped(BearerTokenAuthenticator()).grouped(RequireCSRF())
    api.post("complaints", use: ComplaintController.create)

    let agents = api.grouped(RequireRole(minimum: .agent))
    agents.get("cases", use: CaseController.list)
    agents.get("cases", ":reference", use: CaseController.show)
    agents.patch("cases", ":reference", use: CaseController.update)
    agents.post("cases", ":reference", "messages", use: CaseController.addMessage)
    agents.get("customers", use: CustomerController.search)
    agents.get("customers", ":id", use: CustomerController.show)
    agents.get("settings", use: AdminController.showSettings)
    agents.post("coach", use: CoachController.review)
    agents.get("phrases", use: CoachController.phrases)
    agents.post("cases", ":reference", "stage", use: PlaybookController.moveStage)
    agents.get("cases", ":reference", "next", use: PlaybookController.next)
    agents.post("cases", ":reference", "handoff", use: PlaybookController.handOff)
    agents.post("cases", ":reference", "offers", use: OfferController.create)
    agents.post("cases", ":reference", "commitments", use: CommitmentController.create)
    agents.post("commitments", ":id", "done", use: CommitmentController.done)
    agents.get("commitments", use: CommitmentController.list)
    agents.get("alerts", use: CommitmentController.alerts)
    agents.get("policy", use: PolicyController.show)

    let managers = api.grouped(RequireRole(minimum: .manager))
    managers.get("agents", use: AdminController.listAgents)
    managers.get("escalations", use: EscalationController.list)
    managers.post("escalations", ":id", "decision", use: EscalationController.decide)
    managers.get("reports", "promises", use: CommitmentController.keeping)
    managers.get("audit", use: PolicyController.audit)

    let admins = api.grouped(RequireRole(minimum: .admin))
    admins.post("agents", use: AdminController.createAgent)
    admins.patch("settings", use: AdminController.updateSettings)
    admins.put("policy", use: PolicyController.replace)
}
