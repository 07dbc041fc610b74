"""`python -m committee.cli.app`: the bcd138 command."""

from committee.cli.app.app import main

main()
