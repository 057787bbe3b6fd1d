"""The training domain: pure Python, no I/O, imports nothing outside itself."""
