// swift-tools-version:6.0
import PackageDescription

/// Every target is built the same strict way (STYLE.md rule 2): Swift 6 language mode with
/// complete concurrency checking (the tools-version default), plus explicit `any` for existentials.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "PatrolHub",
    products: [
        .executable(name: "patrolhub", targets: ["patrolhub"]),
        .executable(name: "patrolsim", targets: ["patrolsim"]),
        .executable(name: "patrolctl", targets: ["patrolctl"]),
        .library(name: "PatrolCore", targets: ["PatrolCore"]),
        .library(name: "PatrolHub", targets: ["PatrolHub"]),
    ],
    targets: [
        // C bindings only.
        // libzmq's pkg-config file adds Kerberos -isystem flags that SwiftPM refuses with a warning;
        // zmq.h sits in /usr/include, so the module map's `link "zmq"` is all it takes.
        .systemLibrary(name: "CZeroMQ", path: "Sources/CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CPatrolProto", path: "Sources/CPatrolProto",
                cSettings: [.headerSearchPath("include")],
                linkerSettings: [.linkedLibrary("protobuf-c")]),

        // Pure logic: given data and a time, never sockets or the wall clock.
        .target(name: "PatrolCore"),
        .target(name: "PatrolPlanner", dependencies: ["PatrolCore"]),
        .target(name: "PatrolCoverage", dependencies: ["PatrolCore"]),
        .target(name: "PatrolRender", dependencies: ["PatrolCore", "PatrolPlanner", "PatrolCoverage", "CZlib"]),

        // I/O.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(name: "PatrolWire", dependencies: ["CPatrolProto", "PatrolCore"]),
        .target(name: "PatrolHub", dependencies: [
            "PatrolCLI", "PatrolCore", "PatrolPlanner", "PatrolCoverage", "PatrolRender", "ZeroMQ", "PatrolWire",
            "CSQLite",
        ]),
        .target(name: "PatrolSim", dependencies: [
            "PatrolCore", "PatrolPlanner", "PatrolCoverage", "PatrolRender", "ZeroMQ", "PatrolWire", "PatrolHub",
        ], path: "Simulator"),

        // Command-line plumbing shared by the three executables, and the operator tool's commands.
        .target(name: "PatrolCLI"),
        .target(name: "PatrolOperator", dependencies: [
            "PatrolCLI", "PatrolCore", "PatrolPlanner", "PatrolCoverage", "PatrolRender", "ZeroMQ", "PatrolWire",
        ]),

        // Thin executables.
        .executableTarget(name: "patrolhub", dependencies: ["PatrolCLI", "PatrolHub"]),
        .executableTarget(name: "patrolsim", dependencies: ["PatrolCLI", "PatrolSim"]),
        .executableTarget(name: "patrolctl", dependencies: ["PatrolCLI", "PatrolOperator"]),
        .executableTarget(name: "zmq-throughput", dependencies: ["PatrolCLI", "ZeroMQ"],
                          path: "Benchmarks/zmq-throughput"),
        .executableTarget(name: "patrolbench", dependencies: ["PatrolCLI", "PatrolCore", "PatrolCoverage"],
                          path: "Benchmarks/patrolbench"),
        .executableTarget(name: "hub-load", dependencies: ["PatrolCLI", "PatrolHub"], path: "Benchmarks/hub-load"),
        .executableTarget(name: "tsp-bench", dependencies: ["PatrolCLI", "PatrolCore", "PatrolPlanner"],
                          path: "Benchmarks/tsp/tsp-bench"),

        // Tests: one target per module plus shared fixtures.
        .target(name: "PatrolTestKit", dependencies: ["PatrolCore"], path: "Tests/PatrolTestKit"),
        .testTarget(name: "PatrolCoreTests", dependencies: ["PatrolCore", "PatrolTestKit"]),
        .testTarget(name: "PatrolPlannerTests", dependencies: ["PatrolPlanner", "PatrolTestKit"]),
        .testTarget(name: "PatrolCoverageTests", dependencies: ["PatrolCoverage", "PatrolTestKit"]),
        .testTarget(name: "PatrolRenderTests", dependencies: ["PatrolRender", "PatrolTestKit"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "PatrolWireTests", dependencies: ["PatrolWire", "CPatrolProto", "PatrolTestKit"]),
        .testTarget(name: "PatrolHubTests", dependencies: ["PatrolHub", "PatrolTestKit", "ZeroMQ", "PatrolWire"]),
        .testTarget(name: "PatrolSimTests", dependencies: ["PatrolSim", "PatrolTestKit"]),
        .testTarget(name: "PatrolCLITests", dependencies: ["PatrolCLI"]),
        .testTarget(name: "PatrolOperatorTests",
                    dependencies: ["PatrolOperator", "PatrolCLI", "PatrolTestKit", "PatrolHub"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
