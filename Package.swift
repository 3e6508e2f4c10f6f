// swift-tools-version: 6.1
import PackageDescription

// Dependency graph (one way, README "Architecture"):
//
//   vmvp ──► Site ──► Workflow ──► Exchange ──► Records
//     │                  │ ├─────► Matching ──► Records
//     │                  └───────► Storage ───► Records
//     └───► Federation ──────────► Storage
//
// Records, Exchange and Matching are pure (no I/O); Storage alone sees SQLite; Federation
// alone speaks to the network; Site renders pages and asks Workflow for every rule.
let package = Package(
    name: "vmvp",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vmvp", targets: ["vmvp"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", exact: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", exact: "1.7.4"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
    ],
    targets: [
        .target(
            name: "Records",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "Exchange", dependencies: ["Records"], resources: [.embedInCode("Texts")]),
        // The official communes of the Hérault, compiled in (scripts/extract-communes.py writes the file).
        .target(name: "Geography", resources: [.embedInCode("herault-communes.txt")]),
        .target(name: "Matching", dependencies: ["Records", "Geography"]),
        .target(
            name: "Storage",
            dependencies: ["Records", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // What operators see: metric names, the HTTP middleware (swift-metrics, exported by vmvp), and
        // services that report by name when they stop before a shutdown.
        .target(
            name: "Observability",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Federation",
            dependencies: [
                "Records", "Storage", "Observability",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Workflow",
            dependencies: [
                "Records", "Exchange", "Matching", "Storage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            // The common-password list of the password policy, compiled into the binary.
            resources: [.embedInCode("Accounts/common-passwords.txt")]
        ),
        .target(
            name: "Site",
            dependencies: [
                "Records", "Exchange", "Matching", "Geography", "Storage", "Workflow", "Observability",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Templates")]
        ),
        // The fuzz target (scripts/fuzz.sh builds it with libFuzzer; plain builds replay files).
        .executableTarget(name: "VMVPFuzz", dependencies: ["Records", "Exchange", "Federation"]),
        .executableTarget(
            name: "vmvp",
            dependencies: [
                "Records", "Exchange", "Matching", "Storage", "Federation", "Workflow", "Site", "Observability",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Records"], path: "Tests/TestSupport"),
        .target(
            name: "NetworkSupport",
            dependencies: [
                "Records", "Exchange", "Storage", "Federation", "Workflow", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/NetworkSupport"
        ),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "TestSupport"]),
        .testTarget(name: "ExchangeTests", dependencies: ["Exchange", "Records"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "Records"]),
        .testTarget(name: "GeographyTests", dependencies: ["Geography"]),
        .testTarget(
            name: "ObservabilityTests",
            dependencies: [
                "Observability", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "StorageTests", dependencies: ["Records", "Storage", "TestSupport"]),
        .testTarget(
            name: "FederationTests",
            dependencies: [
                "Records", "Storage", "Federation", "Workflow", "TestSupport", "NetworkSupport",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SiteTests",
            dependencies: [
                "Records", "Exchange", "Storage", "Site", "Workflow", "TestSupport", "NetworkSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "WorkflowTests",
            dependencies: [
                "Records", "Exchange", "Storage", "Federation", "Workflow", "TestSupport", "NetworkSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["vmvp", "Records", "Exchange", "Geography", "Storage", "Workflow", "TestSupport", "NetworkSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
