"""Regenerate the cleaning reports: ``python -m partycorpus.cleaning [folder]``."""
import sys

from .report import write_reports

if __name__ == "__main__":
    for path in write_reports(sys.argv[1] if len(sys.argv) > 1 else None):
        print(path)
