"""`python -m committee.cli`: the bcd138 command."""

from committee.cli.app import main

main()
