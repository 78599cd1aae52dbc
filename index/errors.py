"""The named errors of boletines, each with a one-line Spanish message.

    BoletinesError
    ├── IngestError          a file could not be read or indexed (names the file)
    ├── IndexNotBuiltError   no index in the data folder (names the folder)
    ├── QuestionError        a question that cannot be asked (says what is wrong)
    ├── SettingsError        a bad option or setting (names it)
    └── IndexBusyError       another process is writing to the data folder (names it)
"""

from __future__ import annotations


class BoletinesError(Exception):
    """Base class: ``str(err)`` is a complete Spanish sentence for the user."""


class IngestError(BoletinesError):
    """A bulletin file that cannot be ingested; the message names the file."""


class IndexNotBuiltError(BoletinesError):
    """The data folder holds no index yet."""


class QuestionError(BoletinesError):
    """A question that cannot be answered as asked (empty, too long, ...)."""


class SettingsError(BoletinesError):
    """An option or environment setting with a bad value."""


class IndexBusyError(BoletinesError):
    """Another process holds the data folder's writer lock (and the caller would not wait)."""
