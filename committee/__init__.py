"""bcd138: rosters and II.23.b compliance of the Ban Chỉ đạo 138 committees."""

import os

__version__ = "0.1.0"

# python-docx (for rosters kept in Word) brings lxml, and openpyxl writes through lxml
# whenever it is installed; lxml reports a failed write (a full disk, a file size limit)
# as its own SerialisationError and leaves openpyxl's half-written parts raising on
# clean-up. The exports are written, and their failures reported, with openpyxl's own
# writer, as before (openpyxl's OPENPYXL_LXML switch, read when it is first imported).
os.environ.setdefault("OPENPYXL_LXML", "False")
