"""PDF/XLSX writers: DTOs in, files out. No database, no Qt."""
