"""docs/questions.md stays true: every command of the page runs on the build, its output holds the
plan's own words that the page gives as the answer (copied from data/sources/xincheng-14th.txt,
not from the program), and every row of the excerpt shown is a row of the real output."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "questions.md"
PLAN_TEXT = (ROOT / "data" / "sources" / "xincheng-14th.txt").read_text(encoding="utf-8")
NOT_YET = "## Not yet answered"
WORDS = "Plan's words:"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Question:
    """One question of the page: its heading, the part of the plan it is filed under, the command
    that answers it, the plan's words the answer holds and the excerpt of the output shown."""

    title: str
    part: str
    command: str
    words: tuple[str, ...]
    excerpt: tuple[str, ...]


def _blocks(text: str, tag: str) -> list[list[str]]:
    """The lines of every fenced code block of this tag in a piece of markdown."""
    return [block.strip("\n").split("\n") for block in re.findall(rf"^```{tag}\n(.*?)^```$", text, re.M | re.S)]


def read_page(page: str) -> list[Question]:
    """The questions of the page, in order, up to the list of those not yet answered."""
    answered = page.split(NOT_YET)[0]
    questions: list[Question] = []
    part = ""
    for chunk in re.split(r"^(?=##+ )", answered, flags=re.M):
        heading = chunk.split("\n", 1)[0]
        if heading.startswith("## "):
            part = heading[3:].strip()
        if not heading.startswith("### "):
            continue
        commands, excerpts = _blocks(chunk, "sh"), _blocks(chunk, "text")
        words = [line for line in chunk.split("\n") if line.startswith(WORDS)]
        assert len(commands) == 1 and len(commands[0]) == 1, f"{heading}: one command, on one line"
        assert len(excerpts) == 1, f"{heading}: one excerpt of the output"
        assert len(words) == 1, f"{heading}: one line of the plan's words"
        phrases = tuple(phrase.strip() for phrase in words[0][len(WORDS) :].split(";") if phrase.strip())
        questions.append(Question(heading[4:].strip(), part, commands[0][0], phrases, tuple(excerpts[0])))
    return questions


QUESTIONS = read_page(PAGE.read_text(encoding="utf-8"))


def run(command: str, out_dir: Path) -> tuple[int, str]:
    """Run a `plankg …` command of the page in the process, on the test build; exit code and output."""
    words = shlex.split(command)
    assert words[0] == "plankg", f"{command}: a plankg command"
    result = CliRunner().invoke(app, [*words[1:], "--build", str(out_dir)], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def shown_in(row: str, lines: list[str]) -> bool:
    """Whether an excerpt row is a line of the output: the same, or the same with parts left out
    where it writes `…`."""
    row = row.rstrip()
    if ELLIPSIS not in row:
        return row in lines
    pattern = ".*".join(re.escape(piece) for piece in row.split(ELLIPSIS))
    return any(re.fullmatch(pattern, line) for line in lines)


def test_the_page_asks_enough_questions_of_every_part_of_the_plan() -> None:
    assert len(QUESTIONS) >= 30
    parts = {re.sub(r"^(Chapter \d+|Glossary)\b.*", r"\1", question.part) for question in QUESTIONS}
    assert {f"Chapter {n}" for n in range(1, 12)} | {"Glossary"} <= parts
    assert len({question.title for question in QUESTIONS}) == len(QUESTIONS), "every question once"


@pytest.mark.parametrize("question", QUESTIONS, ids=[str(n) for n in range(1, len(QUESTIONS) + 1)])
def test_the_answer_is_the_plans(question: Question, out_dir: Path) -> None:
    assert question.words, f"{question.title}: the plan's words that answer it"
    for phrase in question.words:
        assert phrase in PLAN_TEXT, f"{question.title}: {phrase!r} is not the plan's words"
    code, output = run(question.command, out_dir)
    assert code == 0, f"{question.command} exited {code}:\n{output}"
    for phrase in question.words:
        assert phrase in output, f"{question.command}: {phrase!r} not in its output"
    lines = [line.rstrip() for line in output.split("\n")]
    rows = [row for row in question.excerpt if row.strip() != ELLIPSIS]
    assert rows, f"{question.title}: an excerpt of the output"
    for row in rows:
        assert shown_in(row, lines), f"{question.command}: the excerpt row {row!r} is not in its output"
