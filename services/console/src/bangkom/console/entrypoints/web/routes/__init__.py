"""The console's pages, a router per area."""
