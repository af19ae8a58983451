// swift-tools-version:6.1
import Foundation
import PackageDescription

// Warnings are errors in CI (`.ci/run` sets DEFUSE_STRICT=1), for our targets only: dependencies' warnings are not
// ours to fix. Locally they stay warnings so a half-finished edit still builds.
let strict: [SwiftSetting] = ProcessInfo.processInfo.environment["DEFUSE_STRICT"] == "1"
    ? [.unsafeFlags(["-warnings-as-errors"])] : []
let package = Package(
    name: "defuse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "defuse", targets: ["defuse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // Reads text: language, anger, abuse, threats, intents, categories, demands. Foundation only.
        .target(name: "DefuseAnalysis", resources: [.copy("LanguagePacks"), .copy("CoachPacks")]),
        // The domain: references, the playbook, policy and authority, business hours, promises, customer texts.
        // Foundation only.
        .target(name: "DefuseCore", dependencies: ["DefuseAnalysis"], resources: [.copy("CustomerTexts")]),
        // Persistence: Fluent models and migrations for SQLite and PostgreSQL.
        .target(
            name: "DefuseStore",
            dependencies: [
                "DefuseCore",
                .product(name: "Fluent", package: "fluent"),
            ]
        ),
        // The Vapor application: JSON API, auth, configuration.
        .target(
            name: "DefuseServer",
            dependencies: [
                "DefuseAnalysis",
                "DefuseCore",
                "DefuseStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("DemoData"), .copy("Views"), .copy("Public")]
        ),
        // The command line: serve, migrate, agents, tokens, analyze.
        .executableTarget(
            name: "defuse",
            dependencies: [
                "DefuseAnalysis",
                "DefuseServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Quality and speed of the analyzer on a labelled corpus (`Benchmarks/analysis/`).
        .executableTarget(name: "analysis-eval", dependencies: ["DefuseAnalysis"], path: "Benchmarks/analysis/Eval"),
        .testTarget(
            name: "DefuseAnalysisTests", dependencies: ["DefuseAnalysis"],
            resources: [.copy("Corpus"), .copy("Holdout"), .copy("Blind"), .copy("CoachCorpus"), .copy("CoachHoldout")]
        ),
        .testTarget(name: "DefuseCoreTests", dependencies: ["DefuseCore"]),
        .testTarget(
            name: "DefuseStoreTests",
            dependencies: [
                "DefuseStore",
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DefuseServerTests",
            dependencies: [
                "DefuseServer",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
        .testTarget(name: "defuseTests", dependencies: ["defuse"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}
