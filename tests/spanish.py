"""Test helper: Spanish number words (the generator lives with the synthetic bulletins)."""

from assistant.synth import to_words

__all__ = ["to_words"]
