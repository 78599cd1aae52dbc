"""The one Settings object (defined in ``index.settings``, shared by ingestion and answers)."""

from index.settings import EMBEDDERS, Settings

__all__ = ["EMBEDDERS", "Settings"]
