// ZeroMQ: see docs/ARCHITECTURE.md.
