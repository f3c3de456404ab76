"""Small numeric helpers."""

__version__ = "2.3.9"

from quickmath.core import clamp, lerp

__all__ = ["clamp", "lerp", "__version__"]
