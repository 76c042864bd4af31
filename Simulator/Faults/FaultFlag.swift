import PatrolCore

/// Faults given on the command line, in the forms `patrolsim run --help` lists:
/// `--crash DEVICE@S`, `--comm-loss DEVICE@S+DURATION`, `--camera-offline CAMERA@S+DURATION`,
/// `--battery-drain DEVICE@FACTOR`, `--gps-noise M` and the rates `--drop`, `--duplicate`, `--reorder`.
public enum FaultFlag {
    /// Parses one flag's value.
    /// - Throws: `SimulationError` naming the flag and the expected form.
    public static func parse(_ kind: SimFault.Kind, _ text: String) throws -> SimFault {
        func number(_ value: Substring, _ form: String) throws -> Double {
            guard let parsed = Double(value), parsed.isFinite, parsed >= 0 else {
                throw SimulationError("\(flagName(kind)): expected \(form), got '\(text)'")
            }
            return parsed
        }
        switch kind {
        case .messageDrop, .messageDuplicate, .messageReorder:
            let rate = try number(Substring(text), "a rate in 0...1")
            guard rate <= 1 else { throw SimulationError("\(flagName(kind)): expected a rate in 0...1, got '\(text)'") }
            return SimFault(kind: kind, rate: rate)
        case .gpsNoise:
            return SimFault(kind: kind, rate: try number(Substring(text), "metres (a number >= 0)"))
        case .deviceCrash:
            let (name, rest) = try split(text, kind: kind, form: "DEVICE@SECONDS")
            return SimFault(kind: kind, device: name, atS: try number(rest, "DEVICE@SECONDS"))
        case .batteryDrain:
            let (name, rest) = try split(text, kind: kind, form: "DEVICE@FACTOR")
            return SimFault(kind: kind, device: name, rate: try number(rest, "DEVICE@FACTOR"))
        case .commLoss, .cameraOffline:
            let form = kind == .commLoss ? "DEVICE@SECONDS+DURATION" : "CAMERA@SECONDS+DURATION"
            let (name, rest) = try split(text, kind: kind, form: form)
            let parts = rest.split(separator: "+", maxSplits: 1)
            guard parts.count == 2 else { throw SimulationError("\(flagName(kind)): expected \(form), got '\(text)'") }
            let atS = try number(parts[0], form), durationS = try number(parts[1], form)
            return kind == .commLoss
                ? SimFault(kind: kind, device: name, atS: atS, durationS: durationS)
                : SimFault(kind: kind, camera: name, atS: atS, durationS: durationS)
        }
    }

    /// The command-line flag of a fault kind.
    public static func flagName(_ kind: SimFault.Kind) -> String {
        switch kind {
        case .deviceCrash: "--crash"
        case .commLoss: "--comm-loss"
        case .messageDrop: "--drop"
        case .messageDuplicate: "--duplicate"
        case .messageReorder: "--reorder"
        case .batteryDrain: "--battery-drain"
        case .gpsNoise: "--gps-noise"
        case .cameraOffline: "--camera-offline"
        }
    }

    private static func split(_ text: String, kind: SimFault.Kind, form: String) throws -> (String, Substring) {
        let parts = text.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw SimulationError("\(flagName(kind)): expected \(form), got '\(text)'")
        }
        return (String(parts[0]), parts[1])
    }
}
