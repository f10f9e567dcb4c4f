"""Benchmarks and synthetic data for `make bench`: development tools that the book and a reader's notebook never import."""
