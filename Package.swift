// swift-tools-version:6.1
// Hearth: a thermostat controller for home heater-miners.
//
// Layering (see docs/ARCHITECTURE.md): HearthCore is pure control logic;
// HearthHAL holds bus protocols, chip drivers and the board loader;
// HearthSimulator (folder Simulator/) fakes silicon under the same HAL;
// the `hearth` executable wires them together. Heavy dependencies stay
// out of Core, HAL and the simulator so their tests build fast.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Hearth",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hearth", targets: ["hearth"]),
        .library(name: "HearthCore", targets: ["HearthCore"]),
        .library(name: "HearthHAL", targets: ["HearthHAL"]),
        .library(name: "HearthSimulator", targets: ["HearthSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(name: "HearthCore", swiftSettings: strict),
        .target(
            name: "HearthHAL",
            dependencies: ["HearthCore", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict
        ),
        .target(
            name: "HearthSimulator",
            dependencies: ["HearthCore", "HearthHAL"],
            path: "Simulator",
            swiftSettings: strict
        ),
        .target(
            name: "HearthCLI",
            dependencies: [
                "HearthCore", "HearthHAL", "HearthSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "hearth", dependencies: ["HearthCLI"], swiftSettings: strict),
        .testTarget(name: "HearthCoreTests", dependencies: ["HearthCore"], swiftSettings: strict),
        .testTarget(name: "HearthHALTests", dependencies: ["HearthHAL"], swiftSettings: strict),
        .testTarget(
            name: "HearthSimulatorTests",
            dependencies: ["HearthSimulator", "HearthHAL", "HearthCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthCLITests",
            dependencies: ["HearthCLI", "HearthSimulator"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
