// The organisation's settings, read at most every few seconds: intake needs them on every complaint.
import DefuseStore
import Fluent
import Vapor

actor SettingsCache {
    /// Another instance's change shows here within this many seconds; this instance's own changes at once.
    static let freshFor: TimeInterval = 5

    private var cached: (settings: Organisation, at: Date)?
    private var cachedDesk: (desk: Desk, at: Date)?

    /// The policy, hours and key intake needs on every complaint.
    func desk(on db: any Database, now: Date = Date()) async throws -> Desk {
        if let cachedDesk, now.timeIntervalSince(cachedDesk.at) < SettingsCache.freshFor { return cachedDesk.desk }
        let desk = try await DeskRecords.current(on: db)
        cachedDesk = (desk, now)
        return desk
    }

    func current(on db: any Database, now: Date = Date()) async throws -> Organisation {
        if let cached, now.timeIntervalSince(cached.at) < SettingsCache.freshFor { return cached.settings }
        let settings = try await OrganisationRecords.current(on: db)
        cached = (settings, now)
        return settings
    }

    func forget() {
        cached = nil
        cachedDesk = nil
    }
}

struct SettingsCacheKey: StorageKey {
    typealias Value = SettingsCache
}

extension Request {
    /// The organisation's policy, hours, language and link key, from the cache (this instance's own edits show at
    /// once, another's within `SettingsCache.freshFor`).
    func desk() async throws -> Desk { try await application.settingsCache.desk(on: db) }
}

extension Application {
    var settingsCache: SettingsCache {
        guard let cache = storage[SettingsCacheKey.self] else { fatalError("configure() sets up the settings cache") }
        return cache
    }
}
