"""Errors a person can fix: a stable code for programs, a translated message for people."""


class BusinessError(Exception):
    """Raised by services when a rule refuses an action.

    `code` never changes once published (tests, API clients and logs rely on it);
    `message` is French source text wrapped in `gettext_lazy`, so it is shown in
    the language active when it is read; `params` fill its `%(name)s` holes.
    `field` names the input the person must correct, when there is one.
    """

    def __init__(self, code: str, message, *, field: str | None = None, params=None):
        self.code = code
        self._message = message
        self.field = field
        self.params = params or {}
        super().__init__(code)

    @property
    def message(self) -> str:
        text = str(self._message)
        return text % self.params if self.params else text

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
