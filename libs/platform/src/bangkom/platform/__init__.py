"""Shared platform of the bangkom services.

Libraries are imported and never run; nothing here connects at import time.
"""
