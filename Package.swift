// swift-tools-version: 6.1
import PackageDescription

/// Everything at the top level but the theme: the `Theme` target is rooted at the repository
/// so that `Templates/` (the one copy of the built-in theme) can be its resource. `Output/` is
/// generated and git-ignored; the Makefile creates it before building.
let themeExcludes = [
    "Content", "Tests", "Output", "Benchmarks", "README.md", "SECURITY.md", "Makefile", "dossier.yml", "Package.swift",
    "Sources/CCmark", "Sources/CMimalloc", "Sources/CFileSwap", "Sources/Markdown", "Sources/Model", "Sources/Loading", "Sources/Linking",
    "Sources/Templating", "Sources/Rendering", "Sources/Building", "Sources/Serving", "Sources/dossier",
]

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // TOML front matter (`+++`) is read by Sources/Loading/TOMLReader.swift: TOMLKit's
        // C++ parser aborted the process on malformed input (assertions input reaches).
        // The preview server: Hummingbird's HTTP/1.1 and WebSocket server on SwiftNIO, whose
        // parser has the limits a server reachable from any web page needs (Benchmarks/RESULTS.md).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // The preview's site in memory, a persistent map: an edit changes a few of its
        // 28,000 files without copying the rest (a `Dictionary` shared with the state being
        // served was copied whole on every edit); and a heap, which merges the search index's
        // posting lists in unit order.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // The C library, seen by exactly one module (Markdown).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "Markdown", dependencies: ["CCmark"]),
        // The allocator of the `dossier` program (not of the tests or the fuzzer, which keep
        // the system's): mimalloc takes the place of glibc's malloc, where a build spent a
        // fifth of its time (Benchmarks/RESULTS.md, "The allocator").
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // One system call Foundation does not offer: swapping two folders atomically.
        .target(name: "CFileSwap"),
        .target(name: "Model"),
        .target(name: "Loading", dependencies: ["Model", "Markdown", "Templating", "Yams"]),
        .target(name: "Linking", dependencies: ["Model"]),
        // Mustache templates, compiled once and rendered without reflection.
        .target(name: "Templating"),
        .target(name: "Rendering", dependencies: ["Model", "Templating", .product(name: "HeapModule", package: "swift-collections")]),
        // The built-in theme: the repository's Templates/ folder, embedded as a resource.
        .target(
            name: "Theme",
            path: ".",
            exclude: themeExcludes,
            sources: ["Sources/Theme"],
            resources: [.copy("Templates")]
        ),
        .target(name: "Building", dependencies: [
            "Model", "Loading", "Linking", "Rendering", "Theme", "CFileSwap",
            .product(name: "HashTreeCollections", package: "swift-collections"),
        ]),
        // `dossier serve`: the preview server, file watching and live reload.
        .target(name: "Serving", dependencies: [
            "Building", "Model",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "Building", "Model", "Serving", .target(name: "CMimalloc", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", dependencies: ["Model", "Loading", "Linking", "Rendering", "Building"], path: "Tests/TestSupport"),
        // libFuzzer's entry point when built with `make fuzz`; otherwise it replays inputs.
        .executableTarget(name: "DossierFuzz", dependencies: ["TestSupport"], path: "Tests/Fuzz", exclude: ["corpus"]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ServingTests", dependencies: ["Serving", "Building", "Model", "TestSupport"]),
        .testTarget(name: "LoadingTests", dependencies: ["Loading", "Model", "TestSupport", "Yams"]),
        .testTarget(name: "LinkingTests", dependencies: ["Linking", "Loading", "Model", "TestSupport"]),
        .testTarget(
            name: "BuildingTests",
            dependencies: ["Building", "Model", "Rendering", "Templating", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
