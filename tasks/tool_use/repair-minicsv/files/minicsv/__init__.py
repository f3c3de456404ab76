"""A tiny CSV reader."""

from minicsv.parser import ParseError, parse, parse_line, records

__all__ = ["ParseError", "parse", "parse_line", "records"]
