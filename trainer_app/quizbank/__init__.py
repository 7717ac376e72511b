"""Quiz file formats: native, GIFT, Aiken, XLSX; parse, validate, export."""
