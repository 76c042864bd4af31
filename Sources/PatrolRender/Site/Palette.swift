/// The colours of every map PatrolHub draws, in one place so site, plan and coverage pictures agree.
public enum Palette {
    public static let siteFill = RGBA(hex: 0xFAFAF5)
    public static let boundary = RGBA(hex: 0x222222)
    /// Buildings go from this (low) ...
    public static let buildingLow = RGBA(hex: 0xC4C4C4)
    /// ... to this (tall, `tallBuildingM` and above).
    public static let buildingHigh = RGBA(hex: 0x4A4A4A)
    public static let tallBuildingM = 40.0
    public static let buildingEdge = RGBA(hex: 0x2F2F2F)
    public static let noFly = RGBA(hex: 0xD62728)
    public static let keepOut = RGBA(hex: 0x8C6D1F)
    public static let camera = RGBA(hex: 0x1F5FBF)
    public static let cameraSeen = RGBA(hex: 0x7FB2E5, alpha: 120)
    public static let cameraSector = RGBA(hex: 0x1F5FBF, alpha: 210)
    public static let blindSpot = RGBA(hex: 0xF28E2B, alpha: 200)
    /// Blind cells no device of the fleet can observe either.
    public static let unobservable = RGBA(hex: 0x9467BD, alpha: 170)
    public static let hotspot = RGBA(hex: 0xC2185B)
    public static let dock = RGBA(hex: 0x2CA02C)
    public static let pointOfInterest = RGBA(hex: 0x17BECF)
    public static let graphEdge = RGBA(hex: 0x7F7F7F)
    /// Cells outside the patrol area on coverage maps.
    public static let notPatrolled = RGBA(hex: 0xD5D5D5, alpha: 230)

    /// Route colours, one per device in turn: distinguishable, and none of them the blind-spot orange.
    public static let devices: [RGBA] = [
        RGBA(hex: 0x1F77B4), RGBA(hex: 0x2CA02C), RGBA(hex: 0x9467BD), RGBA(hex: 0x8C564B), RGBA(hex: 0xE377C2),
        RGBA(hex: 0x17BECF), RGBA(hex: 0xBCBD22), RGBA(hex: 0x393B79), RGBA(hex: 0xD62728), RGBA(hex: 0x637939),
    ]

    /// Staleness scale stops from fresh (idleness 0) to twice the revisit target and beyond.
    public static let staleness: [RGBA] = [
        RGBA(hex: 0x1A9850), RGBA(hex: 0x91CF60), RGBA(hex: 0xFEE08B), RGBA(hex: 0xFC8D59), RGBA(hex: 0xD73027),
        RGBA(hex: 0x7F0000),
    ]

    /// The colour of a device's route by its position in the fleet.
    public static func device(_ index: Int) -> RGBA {
        devices[((index % devices.count) + devices.count) % devices.count]
    }

    /// A building's grey: darker the taller it is.
    public static func building(heightM: Double) -> RGBA {
        buildingLow.mixed(with: buildingHigh, max(0, min(1, heightM / tallBuildingM)))
    }

    /// The staleness colour of idleness / revisit target `ratio`: green when fresh, red when overdue,
    /// dark red at twice the target. Quantised to tenths so vector output merges cells into few shapes.
    public static func staleness(ratio: Double) -> RGBA {
        let clamped = max(0, min(2, ratio.isFinite ? ratio : 2))
        let quantised = (clamped * 10).rounded(.down) / 10
        let position = quantised / 2 * Double(staleness.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(staleness.count - 1, lower + 1)
        return staleness[lower].mixed(with: staleness[upper], position - Double(lower))
    }
}

extension RGBA {
    /// A colour from `0xRRGGBB` with the given alpha.
    public init(hex: UInt32, alpha: UInt8) {
        self.init(hex: hex)
        a = alpha
    }
}
