"""The linter: rules as data, scope resolution, checks and the engine (:class:`Linter`)."""
