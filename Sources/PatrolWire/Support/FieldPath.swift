/// A dotted path of proto field names with indices, such as `assign_route.waypoints[3].offset_s`, built while
/// decoding and validating so that an error can name the field it concerns.
struct FieldPath: Sendable {
    /// The path as it appears in `WireError.field`.
    let text: String

    static let root = FieldPath(text: "")

    /// The path of the field `name` inside this message.
    func child(_ name: String) -> FieldPath {
        FieldPath(text: text.isEmpty ? name : "\(text).\(name)")
    }

    /// The path of element `index` of this repeated field.
    func index(_ index: Int) -> FieldPath {
        FieldPath(text: "\(text)[\(index)]")
    }
}
