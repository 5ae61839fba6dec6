"""Case-insensitive "contains" that an index answers for two-character words too.

PostgreSQL's trigram indexes (pg_trgm) serve `icontains` from three characters on. Chinese words
and names are often two: 空调, 王伟. For those, `contains` compares the text's character pairs
(`hotelqa_bigrams`, a function created by migration hotelqa 0020) with the word, which a GIN
index on the same expression answers; a text contains a two-character word exactly when one of
its pairs is that word. Other lengths, and other databases (SQLite in development), use
`icontains`.

The function is slow next to a `LIKE` (it builds an array), so it is declared costly. A query
with `ORDER BY … LIMIT` may still walk the rows in order and work it out for each: the case search
reads the matching ids first, apart from the list's order, and uses `icontains` where any part of
the match has no index.

The indexes: crm 0011 (guest names), complaints 0015 (case number, room, description, translation).
"""

from django.db import connections
from django.db.models import BooleanField, F, Func, Q, Value


class HasPair(Func):
    """UPPER(column)'s character pairs include UPPER(word) (a two-character word)."""

    output_field = BooleanField()

    def __init__(self, column, word):
        super().__init__(F(column), Value(word))

    def as_sql(self, compiler, connection, **extra):
        column, column_params = compiler.compile(self.source_expressions[0])
        word, word_params = compiler.compile(self.source_expressions[1])
        return f"hotelqa_bigrams(UPPER({column}::text)) @> ARRAY[UPPER({word})]", (*column_params, *word_params)


def contains(column, word, *, using="default"):
    """Q: `column` contains `word`, ignoring case (see the module docstring)."""
    if len(word) == 2 and connections[using].vendor == "postgresql":
        return Q(HasPair(column, word))
    return Q(**{f"{column}__icontains": word})
