// PatrolCoverage: see docs/ARCHITECTURE.md.
