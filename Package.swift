// swift-tools-version: 6.1
import PackageDescription

/// Every module of bops: an `import` is internal unless it says `public import`.
let strict: [SwiftSetting] = [.enableUpcomingFeature("InternalImportsByDefault")]

let package = Package(
    name: "bops",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bops", targets: ["bops"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // No traits: Hummingbird's default `FullFoundation` would link Foundation and its ICU data.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]
        ),
        .target(name: "BopsDiagnostics", swiftSettings: strict),
        .target(name: "BopsEncoding", swiftSettings: strict),
        .target(
            name: "BopsPrimitives", dependencies: ["CZlib", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "BopsState",
            dependencies: ["BopsDiagnostics", "BopsJobs", "BopsPrimitives", "BopsEncoding"],
            swiftSettings: strict
        ),
        .target(
            name: "BopsTestSupport",
            dependencies: [
                "BopsJobs", "BopsState", "BopsEncoding", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BopsNode", dependencies: ["BopsDiagnostics"], swiftSettings: strict),
        .target(
            name: "BopsYAML", dependencies: ["CLibYAML", "BopsNode", "BopsDiagnostics", "BopsPrimitives"],
            swiftSettings: strict),
        .target(
            name: "BopsSchema", dependencies: ["BopsNode", "BopsDiagnostics", "BopsEncoding"],
            swiftSettings: strict),
        .target(
            name: "BopsSpec",
            dependencies: [
                "BopsYAML", "BopsNode", "BopsSchema", "BopsDiagnostics", "BopsJobs", "BopsPrimitives",
                "BopsEncoding",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BopsManifest",
            dependencies: [
                "BopsDiagnostics", "BopsJobs", "BopsPrimitives", "BopsEncoding",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BopsJobs", swiftSettings: strict),
        .target(
            name: "BopsIAM",
            dependencies: ["BopsJobs", "BopsDiagnostics", "BopsPrimitives", "BopsNode"],
            swiftSettings: strict),
        .target(
            name: "BopsLocalEngine",
            dependencies: [
                "BopsJobs", "BopsManifest", "BopsDiagnostics", "BopsPrimitives", "BopsEncoding", "CXXHash",
                "BopsIAM", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "bops-bench-local", dependencies: ["BopsLocalEngine", "BopsJobs"], swiftSettings: strict),
        .executableTarget(
            name: "bops-bench-state", dependencies: ["BopsState", "BopsAWS", "BopsEmulator", "BopsJobs"],
            swiftSettings: strict),
        .target(
            name: "BopsPlan",
            dependencies: [
                "BopsJobs", "BopsState", "BopsPrimitives", "BopsCost", "BopsEncoding",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BopsCost", dependencies: ["BopsJobs", "BopsNode", "BopsDiagnostics"], swiftSettings: strict
        ),
        .target(
            name: "BopsProject",
            dependencies: [
                "BopsDiagnostics", "BopsYAML", "BopsNode", "BopsSchema", "BopsSpec", "BopsJobs", "BopsPlan",
                "BopsState", "BopsPrimitives", "BopsManifest", "BopsIAM", "BopsCost",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BopsSigV4",
            dependencies: ["BopsEncoding", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "BopsAWSModel", dependencies: ["BopsJobs", "BopsSigV4", "BopsEncoding", "BopsPrimitives"],
            swiftSettings: strict),
        .target(
            name: "BopsEmulator",
            dependencies: [
                "BopsJobs", "BopsLocalEngine", "BopsSigV4", "BopsEncoding", "BopsAWSModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BopsAWS",
            dependencies: [
                "BopsJobs", "BopsSigV4", "BopsEncoding", "BopsAWSModel", "BopsState", "BopsIAM",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "bops",
            dependencies: [
                "BopsDiagnostics", "BopsSpec", "BopsJobs", "BopsLocalEngine", "BopsProject", "BopsPlan",
                "BopsState", "BopsEmulator", "BopsAWS", "BopsPrimitives", "BopsIAM", "BopsCost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "BopsNodeTests", dependencies: ["BopsNode", "BopsDiagnostics"]),
        .testTarget(
            name: "BopsCostTests",
            dependencies: ["BopsCost", "BopsJobs", "BopsDiagnostics", "BopsTestSupport"]),
        .testTarget(name: "BopsPrimitivesTests", dependencies: ["BopsPrimitives", "BopsTestSupport"]),
        .testTarget(name: "BopsYAMLTests", dependencies: ["BopsYAML", "BopsNode", "BopsTestSupport"]),
        .testTarget(name: "BopsSchemaTests", dependencies: ["BopsSchema", "BopsYAML", "BopsNode"]),
        .testTarget(
            name: "BopsSpecTests",
            dependencies: ["BopsSpec", "BopsYAML", "BopsNode", "BopsSchema", "BopsJobs", "BopsPrimitives"],
            exclude: ["Fixtures"]),
        .testTarget(name: "BopsSigV4Tests", dependencies: ["BopsSigV4", "BopsEncoding", "BopsTestSupport"]),
        .testTarget(
            name: "BopsAWSModelTests",
            dependencies: [
                "BopsAWSModel", "BopsJobs", "BopsProject", "BopsSpec", "BopsPlan", "BopsLocalEngine",
                "BopsSigV4", "BopsEncoding", "BopsTestSupport",
            ]
        ),
        .testTarget(
            name: "BopsAWSTests",
            dependencies: [
                "BopsAWS", "BopsJobs", "BopsSigV4", "BopsAWSModel", "BopsProject", "BopsPrimitives",
                "BopsState", "BopsTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["python"]),
        .testTarget(
            name: "BopsManifestTests",
            dependencies: ["BopsManifest", "BopsJobs", "BopsPrimitives", "BopsTestSupport"]),
        .testTarget(
            name: "BopsIAMTests",
            dependencies: [
                "BopsIAM", "BopsJobs", "BopsDiagnostics", "BopsLocalEngine", "BopsTestSupport", "BopsProject",
                "BopsSpec",
            ]),
        .executableTarget(name: "bops-bench-manifest", dependencies: ["BopsManifest"], swiftSettings: strict),
        .executableTarget(
            name: "bops-bench-parse", dependencies: ["BopsYAML", "BopsNode"], swiftSettings: strict),
        .testTarget(
            name: "BopsLocalEngineTests",
            dependencies: [
                "BopsLocalEngine", "BopsJobs", "BopsManifest", "BopsPrimitives", "BopsIAM",
                "BopsTestSupport",
            ]),
        .testTarget(
            name: "BopsPlanTests",
            dependencies: [
                "BopsPlan", "BopsJobs", "BopsState", "BopsPrimitives", "BopsCost", "BopsTestSupport",
            ]),
        .testTarget(
            name: "BopsStateTests",
            dependencies: ["BopsState", "BopsPrimitives", "BopsTestSupport"]),
        .testTarget(
            name: "BopsProjectTests",
            dependencies: [
                "BopsProject", "BopsJobs", "BopsSpec", "BopsPlan", "BopsDiagnostics", "BopsIAM", "BopsCost",
                "BopsManifest",
                "BopsLocalEngine", "BopsTestSupport",
            ]),
        .testTarget(
            name: "BopsCLITests", dependencies: ["bops", "BopsTestSupport"], exclude: ["Golden", "python"]),
        .testTarget(
            name: "BopsEmulatorTests",
            dependencies: [
                "BopsEmulator", "BopsJobs", "BopsLocalEngine", "BopsAWSModel", "BopsAWS", "BopsTestSupport",
                "BopsState", "BopsManifest",
            ],
            exclude: ["python"]),
    ]
)
