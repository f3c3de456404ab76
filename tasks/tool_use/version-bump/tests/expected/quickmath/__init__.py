"""Small numeric helpers."""

__version__ = "2.4.0"

from quickmath.core import clamp, lerp

__all__ = ["clamp", "lerp", "__version__"]
