"""Lint a corpus on a Dask cluster (``pip install 'svdocs[dask]'``).

:mod:`.engine` connects to a scheduler or starts a local cluster and hands out the files;
:mod:`.worker` is what each worker runs. ``svdocs lint --engine dask`` and ``--scheduler``
use them through :mod:`svdocs.workflow.corpus`; see ``docs/distributed.md``.
"""
