"""The Textual app of bcd138: it shows and edits what the use-cases in `committee/` keep."""
