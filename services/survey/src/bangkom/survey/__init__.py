"""The survey service: training-needs surveys per agency and aggregated needs."""
