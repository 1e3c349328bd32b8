"""``makemessages`` that never guesses: a new string is left untranslated rather than
given a neighbour's translation marked fuzzy, which the catalogue check would pass over
and Babel refuses when the placeholders differ."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
