"""Errors raised on bad input: their message is shown to the user as it is (translated)."""


class InputError(Exception):
    """Bad input from a user or a file, with a specific message for that user."""

    def __init__(self, message: str, *, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location:
            return f"{self.message} ({self.location})"
        return self.message
