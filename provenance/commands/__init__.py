"""The commands: each turns its parsed arguments into one frozen settings record, then runs.

Every command module has ``add_parser(subparsers)``, a ``…Settings`` record, ``settings_from(args)``
(the only place an ``argparse.Namespace`` is read), ``run(settings) -> int`` and ``main(args) -> int``.
:mod:`provenance.cli` builds the parser from :data:`COMMANDS` and dispatches to them.
"""

from __future__ import annotations

from types import ModuleType

from provenance.commands import audit, check, cite, rules

__all__ = ["COMMANDS", "audit", "check", "cite", "rules"]

#: The commands in the order the help lists them, by name.
COMMANDS: dict[str, ModuleType] = {"check": check, "audit": audit, "cite": cite, "rules": rules}

