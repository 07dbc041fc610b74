"""Full screens: the main screen, the help screen, the import preview."""
