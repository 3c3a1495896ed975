"""PG2xx–PG5xx: code rules, one per module, written against :mod:`ponyguard.audit.context`.

A code rule module holds a documented ``rule = Rule(...)`` and callbacks registered with
``@rule.on(<ast node type>)`` that take ``(node, ctx: FileContext)`` and yield findings;
:func:`~ponyguard.audit.rules.code._support.report` builds a finding from a flow with the
house conventions (high confidence when tainted, lower when of unknown origin, the flow in
the message, a line-independent key).
"""
