"""The recommendation service: gaps between standard and profile, and training proposals."""
