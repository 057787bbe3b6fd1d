"""The console's web pages."""
