"""Simulated reference models: planted, known behaviour described by a model card (see card.py)."""
