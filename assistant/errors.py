"""The named errors (defined in ``index.errors``, re-exported for the assistant's users)."""

from index.errors import (
    BoletinesError,
    IndexBusyError,
    IndexNotBuiltError,
    IngestError,
    QuestionError,
    SettingsError,
)

__all__ = ["BoletinesError", "IndexBusyError", "IndexNotBuiltError", "IngestError",
           "QuestionError", "SettingsError"]
