"""Template auditing: Django and Jinja2 templates lexed by their own lexers, with HTML context.

``audit_templates(project, config)`` runs every ``@rule.on("template")`` rule on every template
of a project; rules receive a :class:`TemplateFile` (tokens with positions, parsed filter
chains and the HTML context each value is rendered in).
"""

from __future__ import annotations

from .analyse import TemplateOutcome, audit_template, audit_templates
from .files import TemplateFile, engine_of, is_template_path
from .model import Engine, Expression, Filter, HtmlContext, Token, TokenKind

__all__ = [
    "Engine", "Expression", "Filter", "HtmlContext", "TemplateFile", "TemplateOutcome", "Token",
    "TokenKind", "audit_template", "audit_templates", "engine_of", "is_template_path",
]
