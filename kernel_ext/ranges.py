"""Parse question selections such as "1-5,8"."""

from __future__ import annotations

import re

from kerasq.command_line import UsageProblem
from kerasq.content.bank import describe_numbers

_PART = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def parse_selection(text: str, valid: tuple[int, ...]) -> list[int]:
    """The question numbers a selection names, in order, without repeats; every one must be in ``valid``."""
    chosen: list[int] = []
    for part in text.split(","):
        match = _PART.match(part)
        if match is None:
            raise UsageProblem(f"cannot read '{part.strip()}' in '{text}': use numbers and ranges such as 1-5,8")
        start = int(match[1])
        end = int(match[2]) if match[2] else start
        if end < start:
            raise UsageProblem(f"the range {start}-{end} runs backwards: write {end}-{start}")
        for number in range(start, end + 1):
            if number not in valid:
                raise UsageProblem(f"no question {number}: questions are numbered {describe_numbers(valid)}")
            if number not in chosen:
                chosen.append(number)
    return chosen
