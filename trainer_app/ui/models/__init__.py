"""Database-free Qt item models fed by plain DTOs (``set_rows``)."""
