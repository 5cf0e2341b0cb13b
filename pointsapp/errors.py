"""Errors a user can act on. The message is shown as is: Chinese, or in the chosen language via pointsapp.text."""


class UserError(Exception):
    """Something the user can fix or must know: shown as one clear line, never a traceback."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PermissionDenied(UserError):
    """The signed-in operator's role may not do this."""


class NotFound(UserError):
    """The thing asked for does not exist (or is not visible)."""
