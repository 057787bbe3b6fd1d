"""bangkom console: the pages HR offices, supervisors and employees use."""
