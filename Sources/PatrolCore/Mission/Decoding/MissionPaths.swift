/// Rules for file names inside a mission folder.
enum MissionPaths {
    /// `name` when it is a relative path that stays inside the mission folder, else nil.
    static func relativeFile(_ name: String) -> String? {
        guard !name.isEmpty, name.utf8.count <= 255, !name.hasPrefix("/"), !name.contains("\\"),
              !name.split(separator: "/").contains("..") else { return nil }
        return name
    }
}
