// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "bops",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bops", targets: ["bops"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
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
        .target(name: "BopsDiagnostics"),
        .target(name: "BopsPrimitives", dependencies: ["CZlib"]),
        .target(name: "BopsState", dependencies: ["BopsJobs", "BopsPrimitives"]),
        .target(
            name: "BopsTestSupport",
            dependencies: ["BopsJobs", "BopsState", "BopsPlan", "BopsPrimitives"]
        ),
        .target(name: "BopsYAML", dependencies: ["CLibYAML", "BopsDiagnostics"]),
        .target(name: "BopsSchema", dependencies: ["BopsYAML", "BopsDiagnostics"]),
        .target(
            name: "BopsSpec",
            dependencies: [
                "BopsYAML", "BopsSchema", "BopsDiagnostics", "BopsManifest", "BopsJobs",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "BopsManifest",
            dependencies: ["BopsDiagnostics", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "BopsJobs", dependencies: ["BopsDiagnostics"]),
        .target(
            name: "BopsLocalEngine",
            dependencies: [
                "BopsJobs", "BopsManifest", "BopsDiagnostics", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "bops-bench-local", dependencies: ["BopsLocalEngine", "BopsJobs"]),
        .target(
            name: "BopsPlan",
            dependencies: ["BopsDiagnostics", "BopsJobs", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "BopsProject",
            dependencies: [
                "BopsDiagnostics", "BopsYAML", "BopsSpec", "BopsJobs", "BopsPlan", "BopsManifest", "BopsLocalEngine",
                "BopsAWS",
            ]
        ),
        .target(name: "BopsSigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "BopsAWSModel", dependencies: ["BopsJobs"]),
        .target(
            name: "BopsEmulator",
            dependencies: [
                "BopsJobs", "BopsLocalEngine", "BopsSigV4", "BopsAWSModel", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "BopsAWS",
            dependencies: [
                "BopsJobs", "BopsSigV4", "BopsAWSModel", "BopsDiagnostics",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "bops",
            dependencies: [
                "BopsDiagnostics", "BopsYAML", "BopsSchema", "BopsSpec", "BopsJobs", "BopsLocalEngine", "BopsProject", "BopsPlan",
                "BopsEmulator", "BopsAWS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BopsYAMLTests", dependencies: ["BopsYAML"]),
        .testTarget(name: "BopsSchemaTests", dependencies: ["BopsSchema", "BopsYAML"]),
        .testTarget(name: "BopsSpecTests", dependencies: ["BopsSpec", "BopsYAML", "BopsSchema"], exclude: ["Fixtures"]),
        .testTarget(name: "BopsSigV4Tests", dependencies: ["BopsSigV4"]),
        .testTarget(
            name: "BopsAWSModelTests",
            dependencies: ["BopsAWSModel", "BopsJobs", "BopsProject", "BopsSpec", "BopsPlan", "BopsLocalEngine"]
        ),
        .testTarget(
            name: "BopsAWSTests", dependencies: ["BopsAWS", "BopsJobs", "BopsSigV4", "BopsAWSModel"],
            exclude: ["python"]),
        .testTarget(name: "BopsManifestTests", dependencies: ["BopsManifest"]),
        .executableTarget(name: "bops-bench-manifest", dependencies: ["BopsManifest"]),
        .executableTarget(name: "bops-bench-parse", dependencies: ["BopsYAML"]),
        .testTarget(
            name: "BopsLocalEngineTests", dependencies: ["BopsLocalEngine", "BopsJobs", "BopsManifest", "BopsProject"]),
        .testTarget(name: "BopsPlanTests", dependencies: ["BopsPlan", "BopsJobs"]),
        .testTarget(name: "BopsProjectTests", dependencies: ["BopsProject", "BopsAWS"]),
        .testTarget(name: "BopsCLITests", dependencies: ["bops"]),
        .testTarget(
            name: "BopsEmulatorTests", dependencies: ["BopsEmulator", "BopsJobs", "BopsLocalEngine", "BopsAWSModel"],
            exclude: ["python"]),
    ]
)
