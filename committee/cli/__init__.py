"""The `bcd138` command line."""
