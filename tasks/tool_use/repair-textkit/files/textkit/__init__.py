"""Small text helpers."""

from textkit.core import slugify, truncate, wrap

__all__ = ["slugify", "truncate", "wrap"]
