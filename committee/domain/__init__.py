"""Domain records and vocabulary: roles, levels, statuses, text, dates, field rules and
typed errors. No storage, spreadsheet, command-line or UI library is imported here."""
