"""A light, forgiving HTML scan of a template's text: in which context does each value land?

:class:`MarkupScanner` is fed the template's text pieces in order and told where template
values (variables, outputting tags) are rendered; :meth:`MarkupScanner.context` says where the
next value lands. It follows the HTML tokenizer closely enough for security purposes (tags,
attributes quoted or not, comments, the raw text of ``<script>``/``<style>``, RCDATA) and never
raises: broken or truncated markup simply leaves it in some state until the text says otherwise.
Inside JavaScript (script elements, ``on*`` handlers, ``javascript:`` URLs) :class:`JsScanner`
tracks string literals and comments, so ``escapejs`` can be judged (safe only inside quotes).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import HtmlContext, HtmlState

RAW_TEXT = {"script": "script", "style": "style", "textarea": "rcdata", "title": "rcdata"}
JS_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "text/ecmascript",
    "application/ecmascript", "application/x-javascript", "application/x-ecmascript",
    "text/jscript", "text/livescript", "text/x-javascript", "text/x-ecmascript",
    "text/babel", "text/jsx",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data",
                            "poster", "background", "cite", "srcdoc"})
PLACEHOLDER = "\x00"
"""Stands for a template value inside accumulated attribute values and script text."""

_TAG_NAME = re.compile(r"[^\s/>]*")
_ATTR_NAME = re.compile(r"[^\s/>=]+")
_UNQUOTED = re.compile(r"[^\s>]*")
_SPACE = re.compile(r"[\s/]*")
_JS_CODE = re.compile(r"['\"`/]")
_JS_IN = {q: re.compile(r"\\.?|" + re.escape(q) + ("" if q == "`" else r"|\n"))
          for q in ("'", '"', "`")}


class JsScanner:
    """Tracks whether the end of some JavaScript text is inside a string or a comment."""

    def __init__(self) -> None:
        self.state = "code"

    @property
    def string(self) -> str | None:
        return self.state if self.state in ("'", '"', "`") else None

    def feed(self, text: str) -> None:
        i, n = 0, len(text)
        while i < n:
            state = self.state
            if state == "code":
                match = _JS_CODE.search(text, i)
                if match is None:
                    return
                char, i = match.group(), match.end()
                if char != "/":
                    self.state = char
                elif text.startswith("/", i):
                    self.state, i = "//", i + 1
                elif text.startswith("*", i):
                    self.state, i = "/*", i + 1
            elif state == "//":
                end = text.find("\n", i)
                i, self.state = (n, state) if end < 0 else (end + 1, "code")
            elif state == "/*":
                end = text.find("*/", i)
                i, self.state = (n, state) if end < 0 else (end + 2, "code")
            else:
                match = _JS_IN[state].search(text, i)
                if match is None:
                    return
                i = match.end()
                if not match.group().startswith("\\"):
                    self.state = "code"


class MarkupScanner:
    """The HTML tokenizer's state across a template's text pieces (see the module doc)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Back to element content (a child template's ``{% block %}`` starts there)."""
        self.state = "data"
        self.tag = ""
        self.closing = False
        self.attr = ""
        self.quote = ""
        self.value = ""
        self.attrs: dict[str, str] = {}
        self.raw = ""
        self.raw_end: re.Pattern[str] | None = None
        self.js: JsScanner | None = None
        self.inherited: str | None = None

    def enter(self, context: HtmlContext, inherited: str) -> None:
        """Start inside the raw text (``<script>``, ``<style>``…) where ``context`` was, as a
        child template's block does when its parent places the block there."""
        self.reset()
        if context.state in ("script", "style", "rcdata") and context.tag:
            self._enter_raw(context.tag, js=context.js)
            if self.js is not None and context.js_string:
                self.js.state = context.js_string
            self.inherited = inherited

    # -- feeding ------------------------------------------------------------------------
    def feed(self, text: str) -> None:
        """Advance over literal template text."""
        i, n = 0, len(text)
        while i < n:
            i = self._steps[self.state](self, text, i)

    def output(self) -> None:
        """A template value was rendered at the current point."""
        state = self.state
        if state == "tag-open":
            self._begin_tag(closing=False)
        elif state == "end-tag-open":
            self._begin_tag(closing=True)
        elif state in ("before-attr", "after-attr"):
            self._start_attr(PLACEHOLDER)
        elif state == "attr-name":
            self.attr += PLACEHOLDER
        elif state == "before-value":
            self.state, self.quote, self.value = "value", "", PLACEHOLDER
        elif state == "value":
            self.value += PLACEHOLDER
        elif state == "raw" and self.js is not None:
            self.js.feed("0")

    # -- context --------------------------------------------------------------------------
    def context(self) -> HtmlContext:
        """Where a value rendered at the current point lands."""
        state = self.state
        if state == "data":
            return HtmlContext("text")
        if state in ("tag-open", "end-tag-open"):
            return HtmlContext("tag", end_tag=state == "end-tag-open")
        if state in ("tag-name", "before-attr", "after-attr"):
            return HtmlContext("tag", tag=self.tag.lower() or None, end_tag=self.closing)
        if state == "attr-name":
            return HtmlContext("attribute-name", tag=self.tag.lower(), attribute=self.attr.lower())
        if state in ("before-value", "value"):
            return self._value_context()
        if state == "raw":
            kind: HtmlState = RAW_TEXT.get(self.raw, "rcdata")  # type: ignore[assignment]
            js = self.js
            return HtmlContext(kind, tag=self.raw, js=js is not None,
                               js_string=js.string if js is not None else None,
                               inherited=self.inherited)
        return HtmlContext("comment" if state == "comment" else "markup-declaration")

    def _value_context(self) -> HtmlContext:
        attr = self.attr.lower()
        quote = self.quote if self.state == "value" else ""
        value = self.value if self.state == "value" else ""
        script: str | None = None
        if attr.startswith("on"):
            script = value
        elif attr in URL_ATTRIBUTES:
            stripped = value.lstrip()
            if stripped[:11].lower() == "javascript:":
                script = stripped[11:]
        js_string = None
        if script is not None:
            scanner = JsScanner()
            scanner.feed(script)
            js_string = scanner.string
        return HtmlContext("attribute-value", tag=self.tag.lower(), attribute=attr,
                           quote=quote, js=script is not None, js_string=js_string)

    # -- the tokenizer's states -------------------------------------------------------------
    def _data(self, text: str, i: int) -> int:
        found = text.find("<", i)
        if found < 0:
            return len(text)
        self.state = "tag-open"
        return found + 1

    def _tag_open(self, text: str, i: int) -> int:
        char = text[i]
        if char.isascii() and char.isalpha():
            self._begin_tag(closing=False)
            return i
        if char == "/":
            self.state = "end-tag-open"
            return i + 1
        if char == "!" and text.startswith("!--", i):
            self.state = "comment"
            return i + 3
        if char in "!?":
            self.state = "declaration"
            return i + 1
        self.state = "data"
        return i

    def _end_tag_open(self, text: str, i: int) -> int:
        char = text[i]
        if char.isascii() and char.isalpha():
            self._begin_tag(closing=True)
            return i
        self.state = "data" if char == ">" else "declaration"
        return i + 1 if char == ">" else i

    def _begin_tag(self, *, closing: bool) -> None:
        self.state, self.tag, self.closing, self.attrs = "tag-name", "", closing, {}

    def _tag_name(self, text: str, i: int) -> int:
        end = _TAG_NAME.match(text, i).end()  # type: ignore[union-attr]
        self.tag += text[i:end]
        if end < len(text):
            self.state = "before-attr"
        return end

    def _before_attr(self, text: str, i: int) -> int:
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        if i < len(text):
            if text[i] == ">":
                self._close_tag()
                return i + 1
            self._start_attr("")
        return i

    def _start_attr(self, name: str) -> None:
        self.state, self.attr = "attr-name", name

    def _attr_name(self, text: str, i: int) -> int:
        match = _ATTR_NAME.match(text, i)
        if match:
            self.attr += match.group()
            return match.end()
        char = text[i]
        if char == "=":
            self.state = "before-value"
            return i + 1
        self._set_attr("")
        if char == ">":
            self._close_tag()
            return i + 1
        self.state = "after-attr"
        return i

    def _after_attr(self, text: str, i: int) -> int:
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        if i >= len(text):
            return i
        char = text[i]
        if char == "=":
            self.state = "before-value"
            return i + 1
        if char == ">":
            self._close_tag()
            return i + 1
        self._start_attr("")
        return i

    def _before_value(self, text: str, i: int) -> int:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return i
        char = text[i]
        if char in "\"'":
            self.state, self.quote, self.value = "value", char, ""
            return i + 1
        if char == ">":
            self._set_attr("")
            self._close_tag()
            return i + 1
        self.state, self.quote, self.value = "value", "", ""
        return i

    def _value(self, text: str, i: int) -> int:
        if self.quote:
            end = text.find(self.quote, i)
            if end < 0:
                self.value += text[i:]
                return len(text)
            self.value += text[i:end]
            self._set_attr(self.value)
            self.state = "before-attr"
            return end + 1
        end = _UNQUOTED.match(text, i).end()  # type: ignore[union-attr]
        self.value += text[i:end]
        if end < len(text):
            self._set_attr(self.value)
            self.state = "before-attr"
        return end

    def _set_attr(self, value: str) -> None:
        self.attrs[self.attr.lower()] = value

    def _close_tag(self) -> None:
        name = self.tag.lower()
        self.state = "data"
        if self.closing or name not in RAW_TEXT:
            return
        script_type = self.attrs.get("type", "").strip().lower()
        is_js = name == "script" and (script_type in JS_TYPES or PLACEHOLDER in script_type)
        self._enter_raw(name, js=is_js)

    def _enter_raw(self, name: str, *, js: bool) -> None:
        self.state, self.raw = "raw", name
        self.raw_end = re.compile(r"</" + re.escape(name) + r"[\s/>]", re.IGNORECASE)
        self.js = JsScanner() if js else None

    def _raw(self, text: str, i: int) -> int:
        assert self.raw_end is not None
        match = self.raw_end.search(text, i)
        end = match.start() if match else len(text)
        if self.js is not None:
            self.js.feed(text[i:end])
        if match is None:
            return end
        self.js, self.raw_end, self.inherited = None, None, None
        self.state = "end-tag-open"
        return end + 2

    def _comment(self, text: str, i: int) -> int:
        end = text.find("-->", i)
        if end < 0:
            return len(text)
        self.state = "data"
        return end + 3

    def _declaration(self, text: str, i: int) -> int:
        end = text.find(">", i)
        if end < 0:
            return len(text)
        self.state = "data"
        return end + 1

    _steps: dict[str, Callable[[MarkupScanner, str, int], int]] = {
        "data": _data, "tag-open": _tag_open, "end-tag-open": _end_tag_open,
        "tag-name": _tag_name, "before-attr": _before_attr, "attr-name": _attr_name,
        "after-attr": _after_attr, "before-value": _before_value, "value": _value,
        "raw": _raw, "comment": _comment, "declaration": _declaration,
    }
