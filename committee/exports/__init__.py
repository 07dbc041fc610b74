"""Writing what a clerk signs and sends: the roster annex, the district and province
workbooks, and safe output files."""
