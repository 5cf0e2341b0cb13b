"""Benchmark suite at township scale: each figure a ratio to a minimal baseline run alongside it."""
