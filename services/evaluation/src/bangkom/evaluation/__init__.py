"""The evaluation service: who is measured, against what standard, and the results."""
