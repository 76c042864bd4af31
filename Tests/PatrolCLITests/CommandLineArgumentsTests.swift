import Testing
@testable import PatrolCLI

@Test func optionsFlagsAndPositionalsAreTakenInAnyOrder() throws {
    var arguments = CommandLineArguments(["--json", "Missions/plaza", "--hub", "tcp://127.0.0.1:7451", "--devices=4"])
    let json = arguments.flag("--json")
    let hub = try arguments.option("--hub")
    let devices = try arguments.intOption("--devices", in: 1...100)
    let mission = try arguments.positional("MISSION")
    #expect(json)
    #expect(hub == "tcp://127.0.0.1:7451")
    #expect(devices == 4)
    #expect(mission == "Missions/plaza")
    try arguments.finish()
}

@Test func unknownOptionIsRefusedByName() {
    var arguments = CommandLineArguments(["plan", "--frobnicate"])
    _ = arguments.optionalPositional()
    #expect(throws: UsageError("unknown option --frobnicate")) { try arguments.finish() }
}

@Test func optionWithoutValueIsRefused() {
    #expect(throws: UsageError("option --hub needs a value")) {
        var arguments = CommandLineArguments(["--hub"])
        _ = try arguments.option("--hub")
    }
}

@Test(arguments: ["0", "-3", "abc", "1e9"])
func outOfRangeNumbersNameTheOptionAndRange(text: String) {
    #expect(throws: UsageError("option --devices: expected an integer in 1...100, got '\(text)'")) {
        var arguments = CommandLineArguments(["--devices", text])
        _ = try arguments.intOption("--devices", in: 1...100)
    }
}

@Test func missingPositionalIsNamed() {
    #expect(throws: UsageError("missing MISSION")) {
        var arguments = CommandLineArguments([])
        _ = try arguments.positional("MISSION")
    }
}

@Test func progressLineShowsBarAndPercent() {
    #expect(Progress.line(label: "planning", fraction: 0.5, status: "tour 2/4")
        == "planning [##########..........] 50%  tour 2/4")
    #expect(Progress.line(label: "x", fraction: .nan, status: "") == "x [....................] 0%")
}

@Test func repeatedOptionsAreAllTakenInOrder() throws {
    var arguments = CommandLineArguments(["--crash", "drone-1@10", "run", "--crash=robot-2@20", "--crash", "x@1"])
    let crashes = try arguments.options("--crash")
    #expect(crashes == ["drone-1@10", "robot-2@20", "x@1"])
    #expect(arguments.optionalPositional() == "run")
    try arguments.finish()
}
