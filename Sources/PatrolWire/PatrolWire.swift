// PatrolWire: see docs/ARCHITECTURE.md.
