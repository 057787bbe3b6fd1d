"""The console's own rules: who sees which page, and how an employee's data reads."""
