"""Lets plain `pytest` import the package from the project root."""
