"""bcd138: rosters and II.23.b compliance of the Ban Chỉ đạo 138 committees."""

__version__ = "0.1.0"
