import Foundation

/// Paths of the repository's own files, for tests that load real missions and datasets.
public enum Fixtures {
    /// The repository root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Missions/NAME`.
    public static func mission(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Missions").appendingPathComponent(name)
    }

    /// `../shared/datasets/patrolling_sim/NAME`, beside the repository.
    public static func patrollingSimMap(_ name: String) -> URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/patrolling_sim")
            .appendingPathComponent(name)
    }
}
