"""Jupyter Book's command line as `briefing build` runs it for each edition: the `jupyter-book` command, started lighter.

jsonschema imports rfc3987-syntax whenever it is installed (JupyterLab's jupyter-events asks for it), which compiles
39 grammars: about 1 s at the start of every build. The build never checks an IRI format (Jupyter Book, MyST, myst-nb,
nbformat, nbclient and jupyter-cache validate without a format checker), so the module is marked as not installed for
this process only; JupyterLab and every other process keep it.
"""

from __future__ import annotations

import sys
from typing import NoReturn

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "not installed" to the import system

from jupyter_book.cli.main import main  # noqa: E402  (after the line above, which it depends on)

from briefing.core.environ import exit_at_once  # noqa: E402


def run() -> NoReturn:
    """Run Jupyter Book's command line; end the process at once with its exit code (briefing.core.environ.exit_at_once)."""
    try:
        main()
        code = 0
    except SystemExit as done:  # click ends with sys.exit(), its code an int, None or a message
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
    exit_at_once(code)


if __name__ == "__main__":
    run()
