"""`python -m briefing`: the command line (briefing.cli)."""

from briefing.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
