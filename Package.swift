// swift-tools-version:6.1
// Hearth: a thermostat controller for home heater-miners.
//
// Layering (see docs/ARCHITECTURE.md): HearthCore is pure control logic;
// HearthHAL holds bus protocols, chip drivers and the board loader;
// HearthSimulator (folder Simulator/) fakes silicon under the same HAL;
// HearthWork is block-header and SHA-256d maths (pure), HearthStratum the
// pool protocol (codec apart from the swift-nio client), HearthMining the
// engine between pool and hash board, HearthTestPool an offline pool that
// checks shares with swift-crypto; the `hearth` executable wires them
// together. Heavy dependencies (NIO, SSL, Crypto) stay out of Core, HAL, Work
// and the simulator so their tests build fast.
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
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        // Small Foundation-free pieces every layer shares: one JSON value type, one
        // SplitMix64, one Duration.seconds, one retry backoff, one log repeat limiter.
        .target(name: "HearthSupport", swiftSettings: strict),
        .target(name: "HearthCore", swiftSettings: strict),
        // SHA-256 compression with the x86 SHA extensions, chosen at run time (C: Swift has no intrinsics).
        .target(name: "CHearthSHA"),
        .target(name: "HearthWork", dependencies: ["CHearthSHA"], swiftSettings: strict),
        .target(
            name: "HearthHAL",
            dependencies: ["HearthCore", "HearthWork"],
            swiftSettings: strict
        ),
        // Board and tariff files (TOML): kept out of HearthHAL so the drivers, and the
        // kernel-test binary built from them, carry no Foundation/ICU.
        .target(
            name: "HearthBoardFiles",
            dependencies: ["HearthCore", "HearthHAL", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict
        ),
        // Linux backend: libgpiod v1 and libi2c (Debian 12 / Raspberry Pi OS bookworm).
        .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),
        .systemLibrary(name: "CI2C", providers: [.apt(["libi2c-dev"])]),
        .target(
            name: "HearthLinux",
            dependencies: ["HearthHAL", "HearthCore", "CGPIOD", "CI2C"],
            swiftSettings: strict
        ),
        // Runs inside the qemu guest of scripts/kernel-test: no XCTest/Testing there.
        .executableTarget(
            name: "HearthKernelTests",
            dependencies: ["HearthLinux", "HearthHAL", "HearthCore"],
            swiftSettings: strict
        ),
        // The one control loop (read, supervise, decide, apply, record) and the device
        // adapters for slow or remote devices. Light: used by the simulator and the daemon.
        .target(
            name: "HearthRuntime",
            dependencies: ["HearthCore", "HearthHAL"],
            swiftSettings: strict
        ),
        .target(
            name: "HearthSimulator",
            dependencies: ["HearthCore", "HearthHAL", "HearthWork", "HearthRuntime", "HearthSupport"],
            path: "Simulator",
            swiftSettings: strict
        ),
        .target(
            name: "HearthStratum",
            dependencies: [
                "HearthWork", "HearthSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HearthMining",
            dependencies: ["HearthSupport", "HearthWork", "HearthHAL", "HearthStratum", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "HearthTestPool",
            dependencies: [
                "HearthStratum", "HearthSupport", "HearthWork", "HearthMining", "HearthHAL",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The daemon's pieces that need no hardware: settings store, config, local API,
        // metrics, sd_notify. Hummingbird stays here, out of Core and HAL.
        // The daemon: the runtime's services (control, mining, readiness), the plants that
        // build a device for each backend, set-up, settings store, config, local API,
        // metrics, sd_notify. Hummingbird stays here, out of Core, HAL and the runtime.
        .target(
            name: "HearthDaemon",
            dependencies: [
                "HearthCore", "HearthHAL", "HearthRuntime", "HearthSupport", "HearthSimulator", "HearthBoardFiles",
                "HearthMining", "HearthStratum", "HearthAvalon", "HearthCGMinerAPI", "HearthPlugs", "HearthRoomSensors",
                "HearthHomeAssistant", "HearthAxeOS",
                .target(name: "HearthLinux", condition: .when(platforms: [.linux])),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HearthCLI",
            dependencies: [
                "HearthSupport", "HearthCore", "HearthHAL", "HearthBoardFiles", "HearthSimulator", "HearthWork", "HearthStratum",
                "HearthMining", "HearthTestPool", "HearthDaemon", "HearthAvalon", "HearthCGMinerAPI", "HearthRemoteSimulation",
                "HearthAxeOS", "HearthRuntime",
                .target(name: "HearthLinux", condition: .when(platforms: [.linux])),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "hearth", dependencies: ["HearthCLI"], swiftSettings: strict),
        // libFuzzer harnesses over every decoder of outside input; one binary, target chosen by
        // HEARTH_FUZZ_TARGET. scripts/fuzz builds it with -sanitize=fuzzer,address in .build-fuzz/;
        // the ordinary build compiles it as a small replay tool (HearthFuzz TARGET FILE…).
        .executableTarget(
            name: "HearthFuzz",
            dependencies: [
                "HearthSupport", "HearthCore", "HearthStratum", "HearthMQTT", "HearthCGMinerAPI", "HearthAxeOS",
                "HearthHomeAssistant", "HearthHAL", "HearthBoardFiles", "HearthDaemon",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Fuzz/Harnesses",
            swiftSettings: strict
        ),
        // MQTT 3.1.1: a codec tested on bytes, apart from the swift-nio client.
        .target(
            name: "HearthMQTT",
            dependencies: [
                "HearthSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // What the network clients share about NIO: how a connect failed.
        .target(
            name: "HearthNetSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The cgminer-style API of stock Avalon firmware: request and reply codec with the
        // firmware's quirks, the estats `Key[value]` string, and a one-command-per-connection client.
        .target(
            name: "HearthCGMinerAPI",
            dependencies: [
                "HearthSupport", "HearthCore", "HearthNetSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthCGMinerAPITests",
            dependencies: [
                "HearthCGMinerAPI", "HearthSupport", "HearthCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        // Room temperature from the owner's sensor: MQTT topics, pushed readings, I2C
        // sensors (TMP75 family, SHT3x/SHT4x, BME280) and the miner's inlet; combined.
        .target(
            name: "HearthRoomSensors",
            dependencies: [
                "HearthCore", "HearthHAL", "HearthMQTT", "HearthSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthRoomSensorsTests",
            dependencies: [
                "HearthRoomSensors", "HearthCore", "HearthHAL", "HearthMQTT", "HearthSimulator", "HearthSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Smart plugs as the off-switch: Shelly Gen2+ RPC, Tasmota HTTP, an MQTT command topic.
        .target(
            name: "HearthPlugs",
            dependencies: [
                "HearthCore", "HearthMQTT", "HearthNetSupport", "HearthSupport", "HearthWork",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthPlugsTests",
            dependencies: ["HearthPlugs", "HearthEmulators", "HearthCore", "HearthMQTT", "HearthSupport",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Network peers played by the simulator: the stock Avalon firmware API and smart plugs.
        .target(
            name: "HearthEmulators",
            dependencies: [
                "HearthCGMinerAPI", "HearthSimulator", "HearthCore", "HearthHAL", "HearthSupport", "HearthWork",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthEmulatorsTests",
            dependencies: ["HearthEmulators", "HearthCGMinerAPI", "HearthSimulator", "HearthCore", "HearthSupport",
                           "HearthBoardFiles", "HearthHAL"],
            swiftSettings: strict
        ),
        // A stock Avalon (Nano 3/3S, Mini 3, Q) as a HeaterMiner over its own API.
        .target(
            name: "HearthAvalon",
            dependencies: ["HearthCGMinerAPI", "HearthCore", "HearthHAL", "HearthPlugs", "HearthSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthAvalonTests",
            dependencies: ["HearthAvalon", "HearthCGMinerAPI", "HearthCore", "HearthHAL", "HearthRuntime", "HearthBoardFiles",
                           "HearthEmulators", "HearthSimulator"],
            swiftSettings: strict
        ),
        // A simulated day of a stock unit through the real network path: emulated firmware
        // API on loopback, the Avalon device, the background poller and the one control loop.
        .target(
            name: "HearthRemoteSimulation",
            dependencies: ["HearthSimulator", "HearthEmulators", "HearthAvalon", "HearthRuntime", "HearthCGMinerAPI",
                           "HearthCore", "HearthHAL", "HearthAxeOS", "HearthPlugs", "HearthRoomSensors", "HearthSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthRemoteSimulationTests",
            dependencies: ["HearthRemoteSimulation", "HearthSimulator", "HearthBoardFiles", "HearthCore", "HearthCGMinerAPI"],
            swiftSettings: strict
        ),
        // Home Assistant over MQTT: discovery payloads (climate, sensors, trip), state and
        // command topics mapped onto the daemon's one validated settings path.
        .target(
            name: "HearthHomeAssistant",
            dependencies: [
                "HearthMQTT", "HearthCore", "HearthSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthHomeAssistantTests",
            dependencies: ["HearthHomeAssistant", "HearthMQTT", "HearthCore", "HearthSupport"],
            swiftSettings: strict
        ),
        // Stock Bitaxe-class boards over AxeOS's HTTP API, as a HeaterMiner.
        .target(
            name: "HearthAxeOS",
            dependencies: [
                "HearthPlugs", "HearthCore", "HearthHAL", "HearthSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthAxeOSTests",
            dependencies: ["HearthAxeOS", "HearthEmulators", "HearthCore", "HearthHAL", "HearthSupport", "HearthSimulator",
                           "HearthBoardFiles", "HearthPlugs"],
            swiftSettings: strict
        ),
        .testTarget(name: "HearthSupportTests", dependencies: ["HearthSupport"], swiftSettings: strict),
        .testTarget(name: "HearthRuntimeTests", dependencies: ["HearthRuntime", "HearthCore", "HearthHAL"], swiftSettings: strict),
        .testTarget(
            name: "HearthMQTTTests",
            dependencies: [
                "HearthMQTT", "HearthSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "HearthCoreTests", dependencies: ["HearthCore"], swiftSettings: strict),
        .testTarget(name: "HearthHALTests", dependencies: ["HearthHAL", "HearthBoardFiles", "HearthCore"], swiftSettings: strict),
        .testTarget(name: "HearthLinuxTests", dependencies: ["HearthLinux", "HearthHAL", "HearthCore"], swiftSettings: strict),
        .testTarget(
            name: "HearthWorkTests",
            dependencies: ["HearthWork", "HearthSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthStratumTests",
            dependencies: [
                "HearthStratum", "HearthTestPool", "HearthWork", "HearthSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthMiningTests",
            dependencies: ["HearthMining", "HearthSimulator", "HearthTestPool", "HearthStratum", "HearthWork", "HearthHAL",
                           "HearthBoardFiles", "HearthCore",
                           .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthSimulatorTests",
            dependencies: ["HearthSimulator", "HearthHAL", "HearthCore", "HearthBoardFiles"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthDaemonTests",
            dependencies: ["HearthDaemon", "HearthCore", "HearthHAL", "HearthRuntime", "HearthSimulator", "HearthBoardFiles",
                           "HearthSupport", "HearthTestPool", "HearthCGMinerAPI", "HearthEmulators", "HearthWork",
                           .target(name: "HearthLinux", condition: .when(platforms: [.linux])),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HearthCLITests",
            dependencies: ["HearthCLI", "HearthSimulator", "HearthBoardFiles", "HearthDaemon", "HearthSupport", "HearthCore", "HearthHAL",
                           "HearthTestPool"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
