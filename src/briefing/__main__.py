"""`python -m briefing`: the command line (briefing.cli)."""

from briefing.cli import run

if __name__ == "__main__":
    run()
