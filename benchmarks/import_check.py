"""Importing a roster and checking every committee, against reading the file with
python-calamine and a raw sqlite3 fetchall of the same membership rows. Folded into the
suite (benchmarks/suite.py):

    python -m benchmarks.import_check [--scale province|nation] [--repeat N] [--json FILE]

is `python -m benchmarks --only import_roster --only check_all`.
"""

from benchmarks.suite import main

if __name__ == "__main__":
    main(only=["import_roster", "check_all"])
