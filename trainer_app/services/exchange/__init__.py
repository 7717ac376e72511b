"""Exchange packages between stations and the centre."""
