"""Command line: ``validate [DATA_DIR]`` checks the data; ``dictionary`` and ``cff`` print generated files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.anchors import published_anchors
from briefing.cite import citation_cff
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
    commands.add_parser("cff", help="print CITATION.cff generated from the publication metadata")
    anchors = commands.add_parser("anchors", help="print every page and section anchor of a built book (for editions/)")
    anchors.add_argument("html_dir", type=Path, help="the built book, e.g. _build/html")
    pdf = commands.add_parser("pdf", help="print the built book into one PDF with Debian's Chromium")
    pdf.add_argument("html_dir", type=Path, help="the built book, e.g. _build/html")
    pdf.add_argument("--if-chromium", action="store_true", help="skip with a note when /usr/bin/chromium is missing")
    synth = commands.add_parser("synth", help="write a synthetic (made-up) data folder with N contributions, for benchmarks")
    synth.add_argument("n", type=int, help="number of contributions")
    synth.add_argument("out_dir", type=Path, help="folder to write")
    args = parser.parse_args(argv)
    if args.command == "synth":
        from briefing.synthetic import write_synthetic_dataset

        print(f"Synthetic data written to {write_synthetic_dataset(args.n, args.out_dir)}")
        return 0
    if args.command == "dictionary":
        print(dictionary_markdown(), end="")
        return 0
    if args.command == "anchors":
        print("\n".join(published_anchors(args.html_dir)))
        return 0
    if args.command == "pdf":
        from briefing.pdf import CHROMIUM, make_pdf, pdf_name

        if not CHROMIUM.exists():
            print(f"No PDF: Debian's Chromium ({CHROMIUM}) is not installed (apt-get install chromium).", file=sys.stderr)
            return 0 if args.if_chromium else 1
        ds = load_dataset()
        out = make_pdf(args.html_dir.resolve(), ds, args.html_dir.resolve().parent / "pdf" / pdf_name(ds))
        print(f"PDF written: {out} ({out.stat().st_size // 1024} KB), also in {args.html_dir}/downloads/")
        return 0
    if args.command == "cff":
        print(citation_cff(load_dataset()), end="")
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
