"""Lint a tender pack: several documents read as one tender (issue 19).

:func:`svdocs.workflow.pack.lint.lint_pack` reads the documents, judges each one with the
pack's scope (definitions, evidence and remedies found in another document of the pack cover
what they name), adds the pack's consistency findings and builds the pack summary.
"""
