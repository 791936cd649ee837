"""Benchmarks of the search: retrieval quality on ALQAC-layout sets, and speed."""
