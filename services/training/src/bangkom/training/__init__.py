"""The training service: catalog, sessions, enrolments, completions and the JP ledger."""
