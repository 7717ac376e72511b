"""Reading spreadsheets (XLSX, CSV in any of the encodings Vietnamese offices use) into rows."""
