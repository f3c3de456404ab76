class CalcError(Exception):
    """Any problem with an expression."""
