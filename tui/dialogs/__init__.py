"""Modal dialogs: forms return dataclasses to the screen, which calls the use-case."""
