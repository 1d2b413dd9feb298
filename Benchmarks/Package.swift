// swift-tools-version: 6.1
// Benchmarks for riskflow (ordo-one/package-benchmark), kept out of the main package so
// `swift build` and `swift test` stay lean. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark
//   python3 csv_peers.py        # pandas/polars read_csv vs riskflow's parser, same file
import PackageDescription

let package = Package(
    name: "RiskflowBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "riskflow", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchSupport",
            dependencies: [
                .product(name: "RiskflowCore", package: "riskflow"),
                .product(name: "RiskflowData", package: "riskflow"),
            ]
        ),
        .executableTarget(
            name: "RiskflowBenchmarks",
            dependencies: [
                "BenchSupport",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "RiskflowStats", package: "riskflow"),
                .product(name: "RiskflowResearch", package: "riskflow"),
                .product(name: "RiskflowSignals", package: "riskflow"),
                .product(name: "RiskflowCore", package: "riskflow"),
                .product(name: "RiskflowData", package: "riskflow"),
            ],
            path: "Benchmarks/RiskflowBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "leadlag-timer",
            dependencies: [
                .product(name: "RiskflowCore", package: "riskflow"),
                .product(name: "RiskflowStats", package: "riskflow"),
                .product(name: "RiskflowResearch", package: "riskflow"),
            ]
        ),
        .executableTarget(
            name: "csv-timer",
            dependencies: ["BenchSupport", .product(name: "RiskflowData", package: "riskflow")]
        ),
    ]
)
