// swift-tools-version:6.0
// In-process timing of the renderer: build with
//   swift build -c release --package-path bench/RenderBench --scratch-path .build-bench
import PackageDescription

let package = Package(
    name: "RenderBench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "frontline", path: "../..")],
    targets: [
        .executableTarget(name: "RenderBench", dependencies: [.product(name: "FrontlineKit", package: "frontline")]),
    ]
)
