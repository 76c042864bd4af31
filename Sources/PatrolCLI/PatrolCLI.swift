// PatrolCLI: see docs/ARCHITECTURE.md.
