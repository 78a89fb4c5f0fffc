"""Searching text fast: the literals every match of a regular expression must contain
(`regex_literals`) and the search of each pattern only near them (`regex_windows`).

This package depends on nothing else in privcheck."""
