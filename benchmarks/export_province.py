"""The province workbook: `bcd138 export province` against a bare openpyxl write-only loop
writing the same cell values, with peak memory. Folded into the suite (benchmarks/suite.py):

    python -m benchmarks.export_province [--scale province|nation] [--repeat N] [--json FILE]

is `python -m benchmarks --only export_province` (the database is generated and seeded
first, as for every measurement).
"""

from benchmarks.suite import main

if __name__ == "__main__":
    main(only=["export_province"])
