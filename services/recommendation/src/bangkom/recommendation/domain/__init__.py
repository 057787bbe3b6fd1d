"""The recommendation domain: pure Python, no I/O, imports nothing outside itself."""
