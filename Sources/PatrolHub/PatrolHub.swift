// PatrolHub: see docs/ARCHITECTURE.md.
