"""Command handlers, one module per aggregate."""
