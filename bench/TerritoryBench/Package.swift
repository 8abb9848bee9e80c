// swift-tools-version:6.0
// Benchmark of the territory layer (zones and front line) in a release build.
// Run from this folder:
//   swift run -c release --scratch-path .build-bench TerritoryBench
import PackageDescription

let package = Package(
    name: "TerritoryBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The root package, by path; its identity is the checkout folder's name,
        // so the product is looked up by the name the root declares.
        .package(name: "frontline", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "TerritoryBench", dependencies: [
            .product(name: "FrontlineKit", package: "frontline"),
        ]),
    ]
)
