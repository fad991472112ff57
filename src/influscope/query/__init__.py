"""Query: the boolean query language for axes and brands (parser, Ibis compiler, Python matcher)."""
