"""Reads, filtered by the caller's scope: out of scope looks the same as absent."""
