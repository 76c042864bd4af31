// PatrolOperator: see docs/ARCHITECTURE.md.
