// swift-tools-version:6.0
// Benchmark of the Timeline module: load and index 100,000 events over 10,000
// places, then the state at a day. Run in release:
//   swift run -c release --scratch-path .build-bench
// A separate package so the benchmark never slows the main build or its tests.
import Foundation
import PackageDescription

// A path dependency's identity is its folder name, which differs between the
// main checkout and worktrees; read it instead of hard-coding it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "TimelineBench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(name: "TimelineBench", dependencies: [
            .product(name: "FrontlineKit", package: root.lastPathComponent),
        ]),
    ]
)
