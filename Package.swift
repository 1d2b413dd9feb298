// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "riskflow",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "riskflow", targets: ["riskflow"]),
        .library(name: "RiskflowCore", targets: ["RiskflowCore"]),
        .library(name: "RiskflowFormats", targets: ["RiskflowFormats"]),
        .library(name: "RiskflowData", targets: ["RiskflowData"]),
        .library(name: "RiskflowStore", targets: ["RiskflowStore"]),
        .library(name: "RiskflowSync", targets: ["RiskflowSync"]),
        .library(name: "RiskflowStats", targets: ["RiskflowStats"]),
        .library(name: "RiskflowSignals", targets: ["RiskflowSignals"]),
        .library(name: "RiskflowResearch", targets: ["RiskflowResearch"]),
        .library(name: "RiskflowReport", targets: ["RiskflowReport"]),
        .library(name: "RiskflowRuntime", targets: ["RiskflowRuntime"]),
        .library(name: "RiskflowServer", targets: ["RiskflowServer"]),
        .library(name: "RiskflowDistributed", targets: ["RiskflowDistributed"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: - Pure targets (no I/O)
        .target(
            name: "RiskflowCore",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RiskflowStats",
            dependencies: ["RiskflowCore", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RiskflowSignals",
            dependencies: ["RiskflowCore", "RiskflowStats"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RiskflowResearch",
            dependencies: ["RiskflowCore", "RiskflowStats", "RiskflowSignals"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RiskflowReport",
            dependencies: ["RiskflowCore", "RiskflowStats", "RiskflowSignals", "RiskflowResearch"],
            swiftSettings: swiftSettings
        ),

        // The parsers of every input format (CSV layouts, provider responses): pure, so the
        // fuzz targets build them without the storage and network stack.
        .target(
            name: "RiskflowFormats",
            dependencies: ["RiskflowCore"],
            swiftSettings: swiftSettings
        ),

        // The config file `riskflow.toml` ([breakout] … [supercycle], [sync], [providers.*]).
        .target(
            name: "RiskflowConfig",
            dependencies: [
                "RiskflowCore", "RiskflowFormats", "RiskflowSignals",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - I/O
        // The point-in-time store: the storage protocols, SQLite (GRDB) and PostgreSQL
        // (postgres-nio) behind them, the bundled snapshot, CSV import.
        .target(
            name: "RiskflowStore",
            dependencies: [
                "RiskflowCore", "RiskflowFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Snapshot")],
            swiftSettings: swiftSettings
        ),
        // Live sync from the data providers into a store.
        .target(
            name: "RiskflowSync",
            dependencies: [
                "RiskflowCore", "RiskflowFormats", "RiskflowStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The umbrella: re-exports Formats, Store and Sync (no code of its own).
        .target(
            name: "RiskflowData",
            dependencies: ["RiskflowFormats", "RiskflowStore", "RiskflowSync"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Runtime (between the jobs and the edges)
        // Running a job against a store as of a day, the local or queued executor, the
        // alert engine, today's day: what the command line and the server share.
        .target(
            name: "RiskflowRuntime",
            dependencies: [
                "RiskflowCore", "RiskflowStore", "RiskflowSync", "RiskflowStats", "RiskflowSignals", "RiskflowResearch", "RiskflowReport",
                "RiskflowDistributed", "RiskflowConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Server (dashboard, JSON API, metrics)
        .target(
            name: "RiskflowServer",
            dependencies: [
                "RiskflowCore", "RiskflowStore", "RiskflowSync", "RiskflowStats", "RiskflowSignals", "RiskflowResearch", "RiskflowReport",
                "RiskflowRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Distributed jobs (PostgreSQL work queue)
        .target(
            name: "RiskflowDistributed",
            dependencies: [
                "RiskflowCore", "RiskflowStore", "RiskflowResearch", "RiskflowStats", .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Executable
        .executableTarget(
            name: "riskflow",
            dependencies: [
                "RiskflowCore",
                "RiskflowConfig",
                "RiskflowData",
                "RiskflowReport",
                "RiskflowResearch",
                "RiskflowSignals",
                "RiskflowStats",
                "RiskflowServer",
                "RiskflowRuntime",
                "RiskflowDistributed",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        // Helpers shared by every test target (one copy of each).
        .target(
            name: "RiskflowTestSupport",
            dependencies: [
                "RiskflowCore", "RiskflowData", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/RiskflowTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RiskflowCoreTests",
            dependencies: ["RiskflowCore", "RiskflowTestSupport"],
            exclude: ["Fixtures/make_rolling_fixtures.py"],
            resources: [.copy("Fixtures/rolling_pandas.json")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RiskflowStatsTests",
            dependencies: ["RiskflowStats", "RiskflowTestSupport"],
            exclude: ["Fixtures/make_stats_fixtures.py", "Fixtures/make_power_fixtures.py"],
            resources: [
                .copy("Fixtures/distributions_scipy.json"), .copy("Fixtures/statsmodels.json"),
                .copy("Fixtures/power_reference.json"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RiskflowReportTests",
            dependencies: ["RiskflowReport", "RiskflowResearch", "RiskflowSignals", "RiskflowCore", "RiskflowTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RiskflowSignalsTests",
            dependencies: ["RiskflowSignals", "RiskflowCore", "RiskflowData", "RiskflowTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RiskflowResearchTests",
            dependencies: ["RiskflowResearch", "RiskflowSignals", "RiskflowStats", "RiskflowCore", "RiskflowData", "RiskflowTestSupport"],
            exclude: ["Fixtures/make_event_fixtures.py", "Fixtures/make_backtest_fixtures.py", "Fixtures/make_sweep_fixtures.py"],
            resources: [
                .copy("Fixtures/leadlag_peers.json"), .copy("Fixtures/events_reference.json"), .copy("Fixtures/backtest_vbt.json"),
                .copy("Fixtures/sweep_vbt.json"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RiskflowDataTests",
            dependencies: [
                "RiskflowData", "RiskflowStore", "RiskflowSync", "RiskflowCore", "RiskflowTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // A loopback server speaking each data provider's format (tests and the sync benchmark).
        .target(
            name: "RiskflowProviderMock",
            dependencies: [
                "RiskflowCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/RiskflowProviderMock",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "riskflow-mock-providers",
            dependencies: ["RiskflowProviderMock", "RiskflowCore", "RiskflowData"],
            path: "Tests/MockProvidersServer",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RiskflowSyncTests",
            dependencies: ["RiskflowData", "RiskflowStore", "RiskflowSync", "RiskflowCore", "RiskflowTestSupport", "RiskflowProviderMock"],
            swiftSettings: swiftSettings
        ),
        // The fuzz targets (every input parser) and their driver: a replayer in normal
        // builds, libFuzzer's in `scripts/fuzz.sh` (-sanitize=fuzzer -DFUZZING, .build-fuzz).
        .target(
            name: "RiskflowFuzzTargets",
            dependencies: ["RiskflowCore", "RiskflowFormats", "RiskflowConfig"],
            path: "Tests/Fuzz/Targets",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "riskflow-fuzz",
            dependencies: ["RiskflowFuzzTargets"],
            path: "Tests/Fuzz/Harness",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "riskflowTests",
            dependencies: [
                "riskflow", "RiskflowTestSupport", "RiskflowProviderMock", "RiskflowData", "RiskflowStore", "RiskflowSync", "RiskflowFuzzTargets", "RiskflowServer", "RiskflowRuntime", "RiskflowSignals", "RiskflowDistributed",
                "RiskflowResearch", "RiskflowConfig", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
    ]
)
