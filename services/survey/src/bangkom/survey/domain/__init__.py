"""The survey domain: pure Python, no I/O, imports nothing outside itself."""
