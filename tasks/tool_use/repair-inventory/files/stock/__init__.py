"""Inventory tracking."""

from stock.inventory import InsufficientStock, Inventory, MissingPrice

__all__ = ["InsufficientStock", "Inventory", "MissingPrice"]
