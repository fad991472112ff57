r"""Query: the boolean query language for axes and brands (parser, Ibis compiler, Python matcher).

Example:
    >>> from influscope.query import compile_matcher, parse
    >>> compile_matcher("#Industrie40 OR \"usine du futur\"")({"text": "L'usine du futur"})
    True
"""

from influscope.query.ast import Node
from influscope.query.ibis_compiler import IbisCompiler, filter_documents
from influscope.query.matcher import compile_matcher
from influscope.query.parser import parse

__all__ = ["IbisCompiler", "Node", "compile_matcher", "filter_documents", "parse"]
