"""Tokens → tree: an operator-precedence (shunting-yard) parser with explicit stacks.

Nothing here recurses, so no input can exhaust the Python stack, and each token is handled
a constant number of times, so parsing is linear in the input. Precedence, loosest first:
``or``, ``and``, ``not``; parentheses group. Every limit of :class:`Limits` is checked here.
"""

from __future__ import annotations

from .ast import And, Comparison, Kind, Literal, Node, Not, Op, Or
from .errors import QueryLimitError, QuerySyntaxError
from .lexer import Lines, T, Token, position_of, tokenize
from .limits import Limits

_BINARY_PRECEDENCE = {"or": 1, "and": 2}
_OPS = {"=": Op.EQ, "!=": Op.NE, "<": Op.LT, "<=": Op.LE, ">": Op.GT, ">=": Op.GE,
        "~": Op.CONTAINS, "!~": Op.NOT_CONTAINS}
_WORD_OPS = {"in": Op.IN, "startswith": Op.STARTSWITH, "endswith": Op.ENDSWITH}
_NEGATED_WORD_OPS = {"in": Op.NOT_IN, "startswith": Op.NOT_STARTSWITH,
                     "endswith": Op.NOT_ENDSWITH}
_LITERAL_KINDS = {T.STRING: Kind.STRING, T.INTEGER: Kind.INTEGER, T.DECIMAL: Kind.DECIMAL,
                  T.DATE: Kind.DATE, T.NAME: Kind.WORD}
_LIST_CLOSERS = {T.LPAREN: T.RPAREN, T.LBRACKET: T.RBRACKET}


def parse(text: str, limits: Limits | None = None) -> Node:
    """Parse ``text`` into a tree, or raise :class:`QuerySyntaxError` (or its subclass
    :class:`QueryLimitError`)."""
    limits = limits or Limits()
    if len(text) > limits.max_length:
        pos = position_of(text, limits.max_length)
        raise QueryLimitError(f"the query is longer than {limits.max_length} characters",
                              line=pos.line, column=pos.column, token=text[limits.max_length])
    lines = Lines(text)
    return _Parser(tokenize(text, lines), limits, lines).parse()


def _describe(token: Token) -> str:
    return "the end of the query" if token[0] is T.EOF else f"`{token[1]}`"


class _Parser:
    __slots__ = ("tokens", "limits", "lines", "index", "terms", "operators", "operands",
                 "heights")

    def __init__(self, tokens: list[Token], limits: Limits, lines: Lines) -> None:
        self.tokens = tokens
        self.limits = limits
        self.lines = lines
        self.index = 0
        self.terms = 0
        self.operators: list[Token] = []
        self.operands: list[Node] = []
        self.heights: list[int] = []
        """Per operand: levels of and/or/not in it (0 for a comparison)."""

    def error(self, message: str, token: Token, cls: type[QuerySyntaxError] = QuerySyntaxError,
              suggestions: tuple[str, ...] = ()) -> QuerySyntaxError:
        pos = self.lines.position(token[3])
        return cls(message, line=pos.line, column=pos.column, token=token[1],
                   suggestions=suggestions)

    def parse(self) -> Node:
        tokens, operators, operands = self.tokens, self.operators, self.operands
        parens = 0
        expect_operand = True
        while True:
            token = tokens[self.index]
            kind = token[0]
            if expect_operand:
                if kind is T.NAME:
                    operands.append(self.comparison())
                    self.heights.append(0)
                    expect_operand = False
                elif kind is T.LPAREN:
                    parens += 1
                    if parens > self.limits.max_depth:
                        raise self.error(f"parentheses nest deeper than {self.limits.max_depth}",
                                         token, QueryLimitError)
                    operators.append(token)
                    self.index += 1
                elif kind is T.KEYWORD and token[2] == "not":
                    operators.append(token)
                    self.index += 1
                else:
                    raise self.error(f"expected a field name, `not` or `(` but found "
                                     f"{_describe(token)}", token)
            elif kind is T.KEYWORD and token[2] in _BINARY_PRECEDENCE:
                self.reduce_while(_BINARY_PRECEDENCE[token[2]])
                operators.append(token)
                expect_operand = True
                self.index += 1
            elif kind is T.RPAREN:
                self.reduce_while(0)
                if not operators:
                    raise self.error("`)` closes nothing", token)
                operators.pop()
                parens -= 1
                self.index += 1
            elif kind is T.EOF:
                self.reduce_while(0)
                if operators:
                    raise self.error("`(` is never closed", operators[-1])
                return operands[0]
            else:
                raise self.error(f"expected `and`, `or` or `)` but found {_describe(token)}",
                                 token)

    def reduce_while(self, precedence: int) -> None:
        """Apply stacked operators that bind at least as tightly as ``precedence``.

        ``and``/``or`` chains grow in place (``a and b and c`` is one node, built in linear
        time), and the height of each new node is checked against the depth limit.
        """
        operators, operands, heights = self.operators, self.operands, self.heights
        while operators:
            top = operators[-1]
            if top[0] is T.LPAREN:
                return
            word = top[2]
            if word != "not" and _BINARY_PRECEDENCE[word] < precedence:  # type: ignore[index]
                return
            operators.pop()
            right, right_height = operands.pop(), heights.pop()
            if word == "not":
                node: Node = Not(right, self.lines.position(top[3]))
                height = right_height + 1
            else:
                cls = And if word == "and" else Or
                left, left_height = operands.pop(), heights.pop()
                if type(left) is cls:
                    node = left
                    if type(right) is cls:
                        left.operands.extend(right.operands)
                        height = max(left_height, right_height)
                    else:
                        left.operands.append(right)
                        height = max(left_height, right_height + 1)
                elif type(right) is cls:
                    node = right
                    right.operands.insert(0, left)
                    right.pos = left.pos
                    height = max(left_height + 1, right_height)
                else:
                    node = cls([left, right], left.pos)
                    height = max(left_height, right_height) + 1
            if height > self.limits.max_depth:
                pos = node.pos
                raise QueryLimitError(f"the query nests deeper than {self.limits.max_depth}",
                                      line=pos.line, column=pos.column)
            operands.append(node)
            heights.append(height)

    # -- one comparison: path operator value ----------------------------------------------

    def comparison(self) -> Comparison:
        tokens = self.tokens
        name = tokens[self.index]
        op_token = tokens[self.index + 1]
        self.index += 2
        self.terms += 1
        if self.terms > self.limits.max_terms:
            raise self.error(f"the query has more than {self.limits.max_terms} comparisons",
                             name, QueryLimitError)
        path = self.split_path(name)
        op = _OPS.get(op_token[2]) if op_token[0] is T.OP else self.word_operator(  # type: ignore[call-overload]
            op_token, name)
        value: Literal | tuple[Literal, ...] | None
        if op is Op.IN or op is Op.NOT_IN:
            value = self.value_list()
        elif op is Op.IS_NULL or op is Op.IS_NOT_NULL:
            value = None
        else:
            value = self.value(op_token)
            if value is None:
                if op is not Op.EQ and op is not Op.NE:
                    raise self.error(f"`{op_token[1]}` cannot compare with null; use "
                                     "`is null`", tokens[self.index - 1])
                op = Op.IS_NULL if op is Op.EQ else Op.IS_NOT_NULL
        position = self.lines.position
        return Comparison(path, name[1], op, value, position(name[3]),
                          position(op_token[3]))

    def split_path(self, token: Token) -> tuple[str, ...]:
        text = token[1]
        if "." not in text and "__" not in text:
            return (text,)
        parts = tuple(part for dotted in text.split(".") for part in dotted.split("__"))
        if not all(parts):
            raise self.error(f"`{text}` is not a field path (empty name between separators)",
                             token)
        if len(parts) - 1 > self.limits.max_hops:
            raise self.error(f"`{text}` crosses {len(parts) - 1} relations; at most "
                             f"{self.limits.max_hops} are allowed", token, QueryLimitError)
        return parts

    def word_operator(self, token: Token, name: Token) -> Op:
        if token[0] is T.KEYWORD:
            word = token[2]
            if word in _WORD_OPS:
                return _WORD_OPS[word]
            if word == "not":
                follower = self.tokens[self.index]
                self.index += 1
                if follower[0] is T.KEYWORD and follower[2] in _NEGATED_WORD_OPS:
                    return _NEGATED_WORD_OPS[follower[2]]
                raise self.error("expected `in`, `startswith` or `endswith` after `not` but "
                                 f"found {_describe(follower)}", follower)
            if word == "is":
                return self.is_null()
        raise self.error(f"expected an operator after `{name[1]}` but found {_describe(token)}",
                         token, suggestions=("=", "!=", "~", "in"))

    def is_null(self) -> Op:
        token = self.tokens[self.index]
        self.index += 1
        negated = token[0] is T.KEYWORD and token[2] == "not"
        if negated:
            token = self.tokens[self.index]
            self.index += 1
        if token[0] is T.KEYWORD and token[2] in ("null", "none"):
            return Op.IS_NOT_NULL if negated else Op.IS_NULL
        raise self.error(f"expected `null` after `is` but found {_describe(token)}", token)

    def value(self, after: Token) -> Literal | None:
        token = self.tokens[self.index]
        self.index += 1
        kind = _LITERAL_KINDS.get(token[0])
        if kind is not None:
            return Literal(kind, token[2], token[1], self.lines.position(token[3]))
        if token[0] is T.KEYWORD:
            if token[2] in ("true", "false"):
                return Literal(Kind.BOOLEAN, token[2] == "true", token[1],
                               self.lines.position(token[3]))
            if token[2] in ("null", "none"):
                return None
        raise self.error(f"expected a value after `{after[1]}` but found {_describe(token)}",
                         token)

    def value_list(self) -> tuple[Literal, ...]:
        opener = self.tokens[self.index]
        self.index += 1
        closer = _LIST_CLOSERS.get(opener[0])
        if closer is None:
            raise self.error(f"expected `(` to start the list but found {_describe(opener)}",
                             opener)
        items: list[Literal] = []
        while True:
            item = self.value(opener)
            if item is None:
                raise self.error("a list cannot hold null; use `is null`",
                                 self.tokens[self.index - 1])
            items.append(item)
            if len(items) > self.limits.max_list:
                raise self.error(f"the list has more than {self.limits.max_list} values",
                                 self.tokens[self.index - 1], QueryLimitError)
            separator = self.tokens[self.index]
            self.index += 1
            if separator[0] is closer:
                return tuple(items)
            if separator[0] is not T.COMMA:
                raise self.error(f"expected `,` or `{closer.value}` in the list but found "
                                 f"{_describe(separator)}", separator)
            if self.tokens[self.index][0] is closer:  # a trailing comma
                self.index += 1
                return tuple(items)
