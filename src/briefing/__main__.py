"""Command line: ``python -m briefing validate [DATA_DIR]`` checks the data; ``dictionary`` prints its dictionary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.errors import DataError
from briefing.load import load_dataset
from briefing.paths import data_dir
from briefing.schema import dictionary_markdown


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return 0 if the data are valid, 1 if not, 2 on usage errors."""
    parser = argparse.ArgumentParser(prog="python -m briefing", description="Check the briefing data.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every data file and report all problems at once")
    validate.add_argument("data_dir", nargs="?", type=Path, help="data folder (default: $BRIEFING_DATA_DIR or data/)")
    commands.add_parser("dictionary", help="print the data dictionary as Markdown (for data/README.md)")
    args = parser.parse_args(argv)
    if args.command == "dictionary":
        print(dictionary_markdown(), end="")
        return 0
    folder = args.data_dir or data_dir()
    try:
        ds = load_dataset(folder)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print("Nothing was built; fix the problems above and run the command again.", file=sys.stderr)
        return 1
    print(
        f"Data in {folder} are valid: {len(ds.contributions)} contributions by {len(ds.speakers)} speakers, "
        f"{len(ds.perspectives)} perspectives, {len(ds.themes)} themes, {len(ds.links)} theme links, "
        f"{len(ds.key_messages)} key messages, {len(ds.editorial_notes)} editorial notes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
