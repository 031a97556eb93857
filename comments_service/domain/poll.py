"""The poll block of a post's front matter: one schema for the site build and the service."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
MIN_OPTIONS, MAX_OPTIONS = 2, 12
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
SHORT_MAX = 40
ShortLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_MAX)]


class PollError(ValueError):
    """A poll block that cannot be used; the message says what is wrong and where."""


class Option(BaseModel):
    """One answer a reader can choose: a stable ASCII id, a Dutch label (what the form and the tally say) and a
    short public name (`short`, what badges, mails and the admin say; the label itself when that is short)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: OptionId
    label: Label
    short: ShortLabel

    @model_validator(mode="before")
    @classmethod
    def _short_defaults_to_a_short_label(cls, raw: Any) -> Any:
        if isinstance(raw, dict) and raw.get("short") is None and isinstance(raw.get("label"), str):
            if len(raw["label"].strip()) > SHORT_MAX:
                raise ValueError(f"a label over {SHORT_MAX} characters needs a short one ('short:') for badges and mails")
            return {**raw, "short": raw["label"]}
        return raw


class Poll(BaseModel):
    """The question under a post and its options, in the order the post declares them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: Label
    options: tuple[Option, ...]
    closed: bool = False

    @field_validator("options")
    @classmethod
    def _two_to_twelve_unique(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            raise ValueError(f"a poll needs {MIN_OPTIONS} to {MAX_OPTIONS} options, this one has {len(options)}")
        ids = [option.id for option in options]
        for option_id in ids:
            if ids.count(option_id) > 1:
                raise ValueError(f"option id {option_id!r} is declared twice")
        return options

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The option ids in front-matter order."""
        return tuple(option.id for option in self.options)

    def label(self, option_id: str) -> str:
        """The label of one option id."""
        return next(option.label for option in self.options if option.id == option_id)

    def short(self, option_id: str) -> str:
        """The short label of one option id."""
        return next(option.short for option in self.options if option.id == option_id)


def parse_poll(raw: Any, source: str) -> Poll:
    """Validate a front-matter `poll` block, naming the source file and the field on error."""
    if raw is None:
        raise PollError(f"{source}: 'comments: true' needs a 'poll' block in the front matter")
    try:
        return Poll.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(_describe(error) for error in exc.errors())
        raise PollError(f"{source}: invalid poll block: {problems}") from None


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "poll"
    return f"{where}: {error['msg']}"
