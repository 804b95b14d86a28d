"""Findings of the reader (errors and warnings) with their location in the file."""

from dataclasses import dataclass
from typing import Literal

from gis.errors import InputError

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Message:
    """One finding for the import report.

    `code` is stable and meant for programs; `message` is the translated, specific text for the
    planner. `line` is the line in the XML file, `gml_id` the object the finding is about and
    `coordinates` the place of a geometry problem in the source CRS.
    """

    level: Level
    code: str
    message: str
    line: int | None = None
    gml_id: str | None = None
    coordinates: tuple[float, float] | None = None

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "line": self.line,
            "gml_id": self.gml_id,
            "coordinates": list(self.coordinates) if self.coordinates else None,
        }


class MessageLog:
    """Collects messages while reading; cheap to pass around."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def error(self, code: str, message: str, **where) -> None:
        self.messages.append(Message("error", code, message, **where))

    def warning(self, code: str, message: str, **where) -> None:
        self.messages.append(Message("warning", code, message, **where))

    def add(self, message: Message) -> None:
        self.messages.append(message)


class XPlanReadError(InputError):
    """A file-level problem that stops reading (hostile, damaged or unsupported file).

    An InputError, so callers that handle bad input generally need nothing special; `code` and
    `line` let the import report place the problem.
    """

    def __init__(self, message: str, *, code: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.line = line

    def as_message(self) -> Message:
        return Message("error", self.code, self.message, line=self.line)
