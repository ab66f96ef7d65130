"""YAML that remembers where each value came from, so every error can name its line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from plankg.errors import PlankgError, PlankgErrors

Model = TypeVar("Model", bound=BaseModel)


class LineDict(dict):
    """A YAML mapping with the 1-based line of the mapping and of each key."""

    line: int
    key_lines: dict[Any, int]


class LineList(list):
    """A YAML sequence with the 1-based line of the sequence and of each item."""

    line: int
    item_lines: list[int]


# libyaml's parser when the platform has it (five times faster on the curated data), else Python's.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]  # a base chosen at import time
    """SafeLoader whose mappings and sequences carry line numbers."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; a syntax error becomes a PlankgError at its line."""
    if not path.is_file():
        raise PlankgError("file not found", path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise PlankgError(f"malformed YAML: {exc.problem or exc}", path, line) from exc
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise PlankgError(
            f"not valid UTF-8: byte {exc.object[exc.start]:#04x} at offset {exc.start}", path, line
        ) from exc


def line_of(data: Any, loc: Sequence[int | str]) -> int | None:
    """The line of the value at `loc` (a pydantic error location) inside loaded YAML."""
    line = getattr(data, "line", None)
    for step in loc:
        if isinstance(data, LineDict) and step in data:
            line = data.key_lines.get(step, line)
            data = data[step]
        elif isinstance(data, LineList) and isinstance(step, int) and 0 <= step < len(data):
            line = data.item_lines[step]
            data = data[step]
        else:
            break
    return line


def validate_model(model: type[Model], data: Any, path: Path) -> Model:
    """Validate loaded YAML against a schema; every error names its line and field, one line per
    line of the file (a value that fits none of a union's forms is one fault, not one per form)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems: dict[int | None, PlankgError] = {}
        for error in exc.errors():
            loc = [step for step in error["loc"] if isinstance(step, (int, str))]
            field = ".".join(str(step) for step in loc) or "(top level)"
            line = line_of(data, loc)
            problems.setdefault(line, PlankgError(f"{field}: {error['msg']}", path, line))
        raise PlankgErrors(list(problems.values())) from exc
