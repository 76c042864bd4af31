extension Mission {
    /// The mission's local frame: WGS84 to and from local metres about `origin`.
    public var frame: LocalFrame { LocalFrame(origin: origin) }
}
