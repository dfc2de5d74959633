"""Warta's rule engines, usable without spaCy: figures, dates and names found in plain text.

Each module holds one engine class built once per language from the language data
(``warta/lang/<lang>/*.json``) and a cached getter for it; the spaCy components of
:mod:`warta.components` are thin wrappers that run an engine on a Doc's text. Nothing here
imports spaCy.
"""
