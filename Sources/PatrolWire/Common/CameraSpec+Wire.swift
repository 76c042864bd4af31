import PatrolCore

/// The wire `CameraSpec` is the core `CameraSpec`: the same four fields with the same units.
extension CameraSpec: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.number(fovDeg, .leftOpen(0, 360), path.child("fov_deg"))
        try Check.number(rangeM, .leftOpen(0, 1000), path.child("range_m"))
        try Check.number(pitchDeg, .closed(0, 90), path.child("pitch_deg"))
        try Check.number(altitudeM, .closed(0, 500), path.child("altitude_m"))
    }
}
