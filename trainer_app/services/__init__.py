"""Use cases. One transaction per use case; plain DTOs out. Never imports Qt."""
