"""The named errors (defined in ``index.errors``, re-exported for the assistant's users)."""

from index.errors import (
    BoletinesError,
    IndexNotBuiltError,
    IngestError,
    QuestionError,
    SettingsError,
)

__all__ = ["BoletinesError", "IndexNotBuiltError", "IngestError", "QuestionError",
           "SettingsError"]
