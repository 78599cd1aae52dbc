"""The README and the CLI help stay in step."""

from __future__ import annotations

import re

from assistant.cli import COMMANDS, build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, func in COMMANDS.items():
        assert func.__doc__ and func.__doc__.strip(), name
        assert name in sub.choices, name
        assert f"`boletines {name}" in README, f"{name} missing from README"


def test_readme_setup_commands_exist() -> None:
    assert "python3 run.py test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 run.py test" in ci
    assert re.search(r"^python3 run\.py\s", README, re.MULTILINE)
