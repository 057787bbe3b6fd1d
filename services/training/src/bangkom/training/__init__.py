"""The training service: catalog, sessions, enrolments, completions and the JP ledger.

Where the rules live:
- roles and scope: handlers/access.py
- seats, waitlist and schedule changes: domain/enrolments.py (one session's roll is
  locked while a seat is decided), domain/sessions.py
- which session an accepted proposal lands in: handlers/placement.py
- the 20 JP ledger, compliance and the pace rule: domain/ledger.py
- demand per course from aggregated needs: domain/demand.py
"""
