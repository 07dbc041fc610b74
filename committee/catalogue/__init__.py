"""Catalogues: official posts, administrative units and their index, how clerks write titles."""
