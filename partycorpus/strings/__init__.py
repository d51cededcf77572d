"""Pure functions on strings: the tokeniser, "a word or a list of words", Markdown tables.

Nothing here takes a text id or reads a file: string in, tokens or text out.
"""
