"""A command imports only the modules that make it (pointsapp.cli.COMMAND_MODULES): the table must say exactly
what the modules register, or a command would lose its sub-commands."""
from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from pointsapp import cli


def _registered() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for name in cli.all_modules():
        register = getattr(importlib.import_module(f"pointsapp.cli.{name}"), "register", None)
        if register is None:
            continue
        sub = argparse.ArgumentParser().add_subparsers(dest="command")
        register(sub)
        for command in sub.choices:
            found.setdefault(command, []).append(name)
    return {command: tuple(names) for command, names in found.items()}


def _tree(parser: argparse.ArgumentParser) -> dict:
    """Every command and sub-command name below ``parser``, with each one's options."""
    out = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                out[name] = ({o for a in child._actions for o in a.option_strings}, _tree(child))
    return out


def test_the_table_names_every_module_each_command_needs():
    assert cli.COMMAND_MODULES == _registered()


@pytest.mark.parametrize("command", sorted(cli.COMMAND_MODULES))
def test_a_command_built_alone_is_the_same_as_in_the_whole_parser(command):
    whole = _tree(cli.build_parser())[command]
    alone = _tree(cli.build_parser(["--db", "x.db", "--user", "admin", command]))
    assert alone[command] == whole


@pytest.mark.parametrize("argv, word", [
    (["--db", "stars", "households", "list"], "households"), (["--lang", "en", "stars"], "stars"),
    (["--db=x.db", "check"], "check"), (["--help", "check"], None), ([], None), (["--version"], None),
])
def test_the_command_word_is_found_after_the_global_options(argv, word):
    assert cli.command_word(argv) == word


def test_a_command_does_not_import_the_other_commands():
    code = ("import sys; from pointsapp.cli import build_parser; build_parser(['check']); "
            "print(sorted(m for m in sys.modules if m.startswith('pointsapp.cli.') and not m.split('.')[-1].startswith('_')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['pointsapp.cli.check']"


def test_help_and_an_unknown_command_still_list_every_command():
    result = subprocess.run([sys.executable, "-m", "pointsapp", "no-such-command"], capture_output=True, text=True)
    assert result.returncode != 0 and "households" in result.stderr and "pg-roles" in result.stderr
    shown = subprocess.run([sys.executable, "-m", "pointsapp", "--help"], capture_output=True, text=True)
    assert all(command in shown.stdout for command in cli.COMMAND_MODULES)
