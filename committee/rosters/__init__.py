"""Reading roster files (spreadsheets) into plain rows."""
