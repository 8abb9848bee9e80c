// swift-tools-version:6.0
// frontline: track the front lines of a war from dated, sourced events and draw them.
// Module layout follows the data flow in DESIGN.md:
//   FrontlineCore -> Gazetteer -> Timeline -> Geo -> Render -> Report -> frontline (CLI)
import PackageDescription

/// A system library found through pkg-config and installed from Debian.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "frontline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frontline", targets: ["frontline"]),
        .executable(name: "frontline-fuzz", targets: ["frontline-fuzz"]),
        .library(name: "FrontlineKit", targets: ["Gazetteer", "Timeline", "Geo", "Render", "Report", "Extract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries: each is imported by exactly one Swift module, which owns its handles.
        systemLibrary("CProj", pkgConfig: "proj", apt: "libproj-dev"),
        systemLibrary("CCairo", pkgConfig: "cairo", apt: "libcairo2-dev"),
        systemLibrary("CPangoCairo", pkgConfig: "pangocairo", apt: "libpango1.0-dev"),
        // Pango's fontconfig font maps and fontconfig: which fonts the maps are drawn in.
        systemLibrary("CPangoFc", pkgConfig: "pangoft2", apt: "libpango1.0-dev"),
        systemLibrary("CGEOS", pkgConfig: "geos", apt: "libgeos-dev"),
        systemLibrary("CSpng", pkgConfig: "spng", apt: "libspng-dev"),

        // Plain values shared by every stage: days, TSV tables, data errors.
        .target(name: "FrontlineCore"),
        // Places and their names in any script; lookup.
        .target(name: "Gazetteer", dependencies: ["FrontlineCore"]),
        // Factions, events, the control state machine, theatre settings.
        .target(name: "Timeline", dependencies: ["FrontlineCore", "Gazetteer"]),
        // Projection (PROJ), basemap GeoJSON, zones and front line (GEOS).
        .target(name: "Geo", dependencies: ["FrontlineCore", "Timeline", "CProj", "CGEOS"]),
        // Scene composition and the Cairo/Pango backend; PNG through libspng.
        .target(name: "Render", dependencies: ["FrontlineCore", "Gazetteer", "Timeline", "Geo", "CCairo", "CPangoCairo", "CPangoFc", "CSpng"]),
        // Reports over a date range: content (summary, chart, maps, event table) and its
        // HTML and PDF layout. No C: PDF pages are drawn through Render's PDFDocumentWriter.
        .target(name: "Report", dependencies: ["FrontlineCore", "Gazetteer", "Timeline", "Geo", "Render"]),
        // Candidate control events from article text; the words are theatre data (lexicon.tsv).
        .target(name: "Extract", dependencies: ["FrontlineCore", "Gazetteer", "Timeline"]),
        // The command line only: parse, call the library, print.
        .executableTarget(name: "frontline", dependencies: [
            "FrontlineCore", "Gazetteer", "Timeline", "Geo", "Render", "Report", "Extract",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Fuzz targets for every parser of user input, a plain mutation loop, and
        // libFuzzer's entry point (docs/testing.md). The executable's main is C
        // and weak, so a -sanitize=fuzzer build takes libFuzzer's main instead.
        .target(name: "FrontlineFuzz", dependencies: ["FrontlineCore", "Gazetteer", "Timeline", "Geo"]),
        .executableTarget(name: "frontline-fuzz", dependencies: ["FrontlineFuzz"]),

        .testTarget(name: "FrontlineCoreTests", dependencies: ["FrontlineCore"]),
        .testTarget(name: "FuzzTests", dependencies: ["FrontlineFuzz"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RenderTests", dependencies: ["Render"], resources: [.copy("Fixtures")]),
        // Report structure (HTML, PDF through poppler) and the real-browser check (Tests/ReportTests/browser_check.py).
        .testTarget(name: "ReportTests", dependencies: ["Report"], resources: [.copy("browser_check.py")]),
        .testTarget(name: "ExtractTests", dependencies: ["Extract"], resources: [.copy("Fixtures")]),
        // Runs the built `frontline` binary end to end.
        .testTarget(name: "CLITests", dependencies: ["frontline"]),
    ]
)
