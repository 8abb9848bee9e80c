// swift-tools-version:6.0
// The gazetteer benchmark: a separate package so that the main build and test
// graph never compiles it. Build it in release mode:
//   swift build -c release --package-path bench/GazetteerBench --scratch-path .build-bench
import Foundation
import PackageDescription

// A path dependency's identity is its folder name, which differs between
// checkouts and worktrees; read it from the path instead of hard-coding it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

let package = Package(
    name: "GazetteerBench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(name: "GazetteerBench", dependencies: [
            .product(name: "FrontlineKit", package: root.lastPathComponent),
        ]),
    ]
)
