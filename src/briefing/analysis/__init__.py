"""Computations on a loaded dataset: theme tables, findings, questions, fields, coders' agreement, quotations."""
