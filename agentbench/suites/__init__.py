"""The suites. Each is a `plugin.Suite`; `registry.load_suites()` finds the built-in and installed ones.

Importing a suite registers nothing: the reference server is handed each suite's oracle strategy.
"""
