"""The II.23.b rules: rule packs kept as data, and the engine that checks a committee
against one."""
