// PatrolRender: see docs/ARCHITECTURE.md.
