// PatrolSim: see docs/ARCHITECTURE.md.
