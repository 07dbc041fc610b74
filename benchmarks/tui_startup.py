"""The terminal UI: time to the first screen against a bare Textual app with the same
widget types, the switch between two 25-member committees, and a search keystroke. Folded
into the suite (benchmarks/suite.py):

    python -m benchmarks.tui_startup [--scale province|nation] [--repeat N] [--json FILE]

is `python -m benchmarks --only tui_first_paint --only tui_switch --only search`.
"""

from benchmarks.suite import main

if __name__ == "__main__":
    main(only=["tui_first_paint", "tui_switch", "search"])
