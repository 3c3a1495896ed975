"""Tokens → tree: an operator-precedence (shunting-yard) parser with explicit stacks.

Nothing here recurses, so no input can exhaust the Python stack, and each token is handled
a constant number of times, so parsing is linear in the input. Precedence, loosest first:
``or``, ``and``, ``not``; parentheses group. Every limit of :class:`Limits` is checked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ast import And, Comparison, Kind, Literal, Node, Not, Op, Or, Position
from .errors import QueryLimitError, QuerySyntaxError
from .lexer import T, Token, position_of, tokenize
from .limits import Limits

_BINARY_PRECEDENCE = {"or": 1, "and": 2}
_OPS = {"=": Op.EQ, "!=": Op.NE, "<": Op.LT, "<=": Op.LE, ">": Op.GT, ">=": Op.GE,
        "~": Op.CONTAINS, "!~": Op.NOT_CONTAINS}
_WORD_OPS = {"in": Op.IN, "startswith": Op.STARTSWITH, "endswith": Op.ENDSWITH}
_NEGATED_WORD_OPS = {"in": Op.NOT_IN, "startswith": Op.NOT_STARTSWITH,
                     "endswith": Op.NOT_ENDSWITH}
_LITERAL_KINDS = {T.STRING: Kind.STRING, T.INTEGER: Kind.INTEGER, T.DECIMAL: Kind.DECIMAL,
                  T.DATE: Kind.DATE, T.NAME: Kind.WORD}
OPERATOR_WORDS = ("=", "!=", "<", "<=", ">", ">=", "~", "!~", "in", "not in", "startswith",
                  "endswith", "is null", "is not null")


def parse(text: str, limits: Limits | None = None) -> Node:
    """Parse ``text`` into a tree, or raise :class:`QuerySyntaxError` (or its subclass
    :class:`QueryLimitError`)."""
    limits = limits or Limits()
    if len(text) > limits.max_length:
        pos = position_of(text, limits.max_length)
        raise QueryLimitError(f"the query is longer than {limits.max_length} characters",
                              line=pos.line, column=pos.column, token=text[limits.max_length])
    return _Parser(tokenize(text), limits).parse()


def _error(message: str, token: Token, cls: type[QuerySyntaxError] = QuerySyntaxError,
           suggestions: tuple[str, ...] = ()) -> QuerySyntaxError:
    return cls(message, line=token.pos.line, column=token.pos.column, token=token.text,
               suggestions=suggestions)


def _describe(token: Token) -> str:
    return "the end of the query" if token.kind is T.EOF else f"`{token.text}`"


@dataclass
class _Chain:
    """An ``and``/``or`` being built: operands are appended, never copied."""

    word: str
    operands: list[object]
    pos: Position


@dataclass
class _Parser:
    tokens: list[Token]
    limits: Limits
    index: int = 0
    terms: int = 0
    operators: list[Token] = field(default_factory=list)
    operands: list[object] = field(default_factory=list)

    def parse(self) -> Node:
        parens = 0
        expect_operand = True
        while True:
            token = self.tokens[self.index]
            if expect_operand:
                if token.kind is T.LPAREN:
                    parens += 1
                    if parens > self.limits.max_depth:
                        raise _error(f"parentheses nest deeper than {self.limits.max_depth}",
                                     token, QueryLimitError)
                    self.operators.append(token)
                    self.index += 1
                elif token.kind is T.KEYWORD and token.value == "not":
                    self.operators.append(token)
                    self.index += 1
                elif token.kind is T.NAME:
                    self.operands.append(self.comparison())
                    expect_operand = False
                else:
                    raise _error(f"expected a field name, `not` or `(` but found "
                                 f"{_describe(token)}", token)
                continue
            if token.kind is T.KEYWORD and token.value in _BINARY_PRECEDENCE:
                self.reduce_while(_BINARY_PRECEDENCE[str(token.value)])
                self.operators.append(token)
                expect_operand = True
                self.index += 1
            elif token.kind is T.RPAREN:
                self.reduce_while(0)
                if not self.operators:
                    raise _error("`)` closes nothing", token)
                self.operators.pop()
                parens -= 1
                self.index += 1
            elif token.kind is T.EOF:
                self.reduce_while(0)
                if self.operators:
                    raise _error("`(` is never closed", self.operators[-1])
                return _finish(self.operands[0], self.limits)
            else:
                raise _error(f"expected `and`, `or` or `)` but found {_describe(token)}", token)

    def reduce_while(self, precedence: int) -> None:
        """Apply stacked operators that bind at least as tightly as ``precedence``."""
        while self.operators:
            top = self.operators[-1]
            if top.kind is T.LPAREN:
                return
            word = str(top.value)
            if word != "not" and _BINARY_PRECEDENCE[word] < precedence:
                return
            self.operators.pop()
            right = self.operands.pop()
            if word == "not":
                self.operands.append(Not(right, top.pos))  # type: ignore[arg-type]
                continue
            left = self.operands.pop()
            if isinstance(left, _Chain) and left.word == word:
                _extend(left, right)
                self.operands.append(left)
            elif isinstance(right, _Chain) and right.word == word:
                right.operands.insert(0, left)
                right.pos = _start(left)
                self.operands.append(right)
            else:
                self.operands.append(_Chain(word, [left, right], _start(left)))

    # -- one comparison: path operator value ----------------------------------------------

    def next(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def comparison(self) -> Comparison:
        name = self.next()
        self.terms += 1
        if self.terms > self.limits.max_terms:
            raise _error(f"the query has more than {self.limits.max_terms} comparisons", name,
                         QueryLimitError)
        path = _split_path(name)
        if len(path) - 1 > self.limits.max_hops:
            raise _error(f"`{name.text}` crosses {len(path) - 1} relations; at most "
                         f"{self.limits.max_hops} are allowed", name, QueryLimitError)
        op_token = self.next()
        op = self.operator(op_token, name)
        value: Literal | tuple[Literal, ...] | None
        if op in (Op.IN, Op.NOT_IN):
            value = self.value_list()
        elif op in (Op.IS_NULL, Op.IS_NOT_NULL):
            value = None
        else:
            value = self.value(op_token)
            if value is None:
                if op not in (Op.EQ, Op.NE):
                    raise _error(f"`{op_token.text}` cannot compare with null; use `is null`",
                                 self.tokens[self.index - 1])
                op = Op.IS_NULL if op is Op.EQ else Op.IS_NOT_NULL
        return Comparison(tuple(path), name.text, op, value, name.pos, op_token.pos)

    def operator(self, token: Token, name: Token) -> Op:
        if token.kind is T.OP:
            return _OPS[str(token.value)]
        if token.kind is T.KEYWORD:
            word = str(token.value)
            if word in _WORD_OPS:
                return _WORD_OPS[word]
            if word == "not":
                follower = self.next()
                if follower.kind is T.KEYWORD and follower.value in _NEGATED_WORD_OPS:
                    return _NEGATED_WORD_OPS[str(follower.value)]
                raise _error("expected `in`, `startswith` or `endswith` after `not` but found "
                             f"{_describe(follower)}", follower)
            if word == "is":
                return self.is_null()
        raise _error(f"expected an operator after `{name.text}` but found {_describe(token)}",
                     token, suggestions=("=", "!=", "~", "in"))

    def is_null(self) -> Op:
        token = self.next()
        negated = token.kind is T.KEYWORD and token.value == "not"
        if negated:
            token = self.next()
        if token.kind is T.KEYWORD and token.value in ("null", "none"):
            return Op.IS_NOT_NULL if negated else Op.IS_NULL
        raise _error(f"expected `null` after `is` but found {_describe(token)}", token)

    def value(self, after: Token) -> Literal | None:
        token = self.next()
        if token.kind in _LITERAL_KINDS:
            return Literal(_LITERAL_KINDS[token.kind], token.value, token.text, token.pos)
        if token.kind is T.KEYWORD and token.value in ("true", "false"):
            return Literal(Kind.BOOLEAN, token.value == "true", token.text, token.pos)
        if token.kind is T.KEYWORD and token.value in ("null", "none"):
            return None
        raise _error(f"expected a value after `{after.text}` but found {_describe(token)}",
                     token)

    def value_list(self) -> tuple[Literal, ...]:
        opener = self.next()
        if opener.kind not in (T.LPAREN, T.LBRACKET):
            raise _error(f"expected `(` to start the list but found {_describe(opener)}", opener)
        closer = T.RPAREN if opener.kind is T.LPAREN else T.RBRACKET
        items: list[Literal] = []
        while True:
            token = self.tokens[self.index]
            if token.kind is closer and items:
                self.index += 1
                return tuple(items)
            item = self.value(opener)
            if item is None:
                raise _error("a list cannot hold null; use `is null`", self.tokens[self.index - 1])
            items.append(item)
            if len(items) > self.limits.max_list:
                raise _error(f"the list has more than {self.limits.max_list} values",
                             self.tokens[self.index - 1], QueryLimitError)
            separator = self.next()
            if separator.kind is closer:
                return tuple(items)
            if separator.kind is not T.COMMA:
                raise _error(f"expected `,` or `{closer.value}` in the list but found "
                             f"{_describe(separator)}", separator)


def _extend(chain: _Chain, operand: object) -> None:
    if isinstance(operand, _Chain) and operand.word == chain.word:
        chain.operands.extend(operand.operands)
    else:
        chain.operands.append(operand)


def _split_path(token: Token) -> list[str]:
    parts = [part for dotted in token.text.split(".") for part in dotted.split("__")]
    if any(not part for part in parts):
        raise _error(f"`{token.text}` is not a field path (empty name between separators)",
                     token)
    return parts


def _start(node: object) -> Position:
    return node.pos  # type: ignore[attr-defined, no-any-return]


def _finish(root: object, limits: Limits) -> Node:
    """Freeze the chains into :class:`And`/:class:`Or` bottom-up and check the depth."""
    # Iterative post-order walk: (node, depth, children done?)
    stack: list[tuple[object, int, bool]] = [(root, 1, False)]
    done: list[Node] = []
    while stack:
        node, depth, expanded = stack.pop()
        if depth > limits.max_depth and not isinstance(node, Comparison):
            token_pos = _start(node)
            raise QueryLimitError(f"the query nests deeper than {limits.max_depth}",
                                  line=token_pos.line, column=token_pos.column)
        if isinstance(node, Comparison):
            done.append(node)
        elif not expanded:
            stack.append((node, depth, True))
            children = [node.operand] if isinstance(node, Not) else node.operands  # type: ignore[attr-defined]
            stack.extend((child, depth + 1, False) for child in reversed(children))
        else:
            count = 1 if isinstance(node, Not) else len(node.operands)  # type: ignore[attr-defined]
            built = tuple(done[len(done) - count:])
            del done[len(done) - count:]
            if isinstance(node, Not):
                done.append(Not(built[0], node.pos))
            else:
                cls = And if node.word == "and" else Or  # type: ignore[attr-defined]
                done.append(cls(built, node.pos))  # type: ignore[attr-defined]
    return done[0]
