// PatrolPlanner: see docs/ARCHITECTURE.md.
