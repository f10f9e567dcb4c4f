"""Safe text: addresses, escaping, spreadsheet-safe CSV, quotation marks, escaped HTML tables, soft hyphens."""
