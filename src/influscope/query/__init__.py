r"""Query: the boolean query language for axes and brands (parser, Ibis compiler, Python matcher).

The Ibis compiler is imported from its module,
``from influscope.query.ibis_compiler import filter_documents``: Ibis (and
pandas under it) costs a few tenths of a second to import, and every command
that opens a workspace parses the configured queries without compiling them.

Example:
    >>> from influscope.query import compile_matcher, parse
    >>> compile_matcher("#Industrie40 OR \"usine du futur\"")({"text": "L'usine du futur"})
    True
"""

from influscope.query.ast import Node
from influscope.query.matcher import compile_matcher
from influscope.query.parser import parse

__all__ = ["Node", "compile_matcher", "parse"]
