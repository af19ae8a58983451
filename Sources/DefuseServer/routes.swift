// Every route of the server, with the role each needs.
import DefuseCore
import Vapor

func routes(_ app: Application) throws {
    app.get("healthz", use: AdminController.health)

    let api = app.grouped("api", "v1").grouped(BearerTokenAuthenticator())
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

    let managers = api.grouped(RequireRole(minimum: .manager))
    managers.get("agents", use: AdminController.listAgents)

    let admins = api.grouped(RequireRole(minimum: .admin))
    admins.post("agents", use: AdminController.createAgent)
    admins.patch("settings", use: AdminController.updateSettings)
}
