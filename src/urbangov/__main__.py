"""``python -m urbangov`` runs the command line."""

from urbangov.cli import main

main()
