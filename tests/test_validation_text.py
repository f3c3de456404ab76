"""`first_problem`: the one line every file and request error of ours is built from."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from agentbench.validation_text import first_problem


class Limits(BaseModel):
    max_turns: int
    budget: float

    @field_validator("budget")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be above 0")
        return value


class Task(BaseModel):
    id: str
    limits: Limits


def _error(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Task.model_validate(data)
    return caught.value


def test_the_first_error_is_named_by_its_field_path_and_the_rest_counted() -> None:
    problem = first_problem(_error({"id": 3, "limits": {"max_turns": "many", "budget": 1}}))
    assert (problem.where(), problem.others, problem.more, problem.input) == ("id", 1, " (+1 more)", 3)
    nested = first_problem(_error({"id": "t", "limits": {"max_turns": "many", "budget": 1}}))
    assert (nested.where(), nested.more) == ("limits.max_turns", "")
    assert nested.message == "Input should be a valid integer, unable to parse string as an integer"


def test_a_validators_words_come_without_pydantics_prefix_and_the_exception_is_kept() -> None:
    problem = first_problem(_error({"id": "t", "limits": {"max_turns": 3, "budget": -1}}))
    assert (problem.where(), problem.message) == ("limits.budget", "must be above 0")
    assert isinstance(problem.raised, ValueError) and str(problem.raised) == "must be above 0"


def test_the_top_level_has_a_name_of_the_callers_choosing() -> None:
    problem = first_problem(_error(["not", "a", "mapping"]))
    assert problem.loc == () and problem.where("(top level)") == "(top level)" and problem.where() == ""
    assert problem.raised is None
