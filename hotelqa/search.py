"""Case-insensitive "contains" that an index answers for two-character words too.

PostgreSQL's trigram indexes (pg_trgm) serve `icontains` from three characters on. Chinese words
and names are often two: 空调, 王伟. For those, `contains` compares the text's character pairs
(`hotelqa_bigrams`, a function created by migration hotelqa 0020) with the word, which a GIN
index on the same expression answers; a text contains a two-character word exactly when one of
its pairs is that word. Other lengths, and other databases (SQLite in development), use
`icontains`.

The function is slow next to a `LIKE` (it builds an array), so it is declared costly: the planner
then reads it from the index rather than working it out row by row, and a query whose other parts
have no index should use `icontains` instead (see the case search).
"""

from django.db import connections
from django.db.models import BooleanField, F, Func, Q, Value

BIGRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION hotelqa_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
    SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}')
    FROM generate_series(1, char_length(value) - 1) AS i
$$
"""


def pair_index_sql(name, table, column):
    return f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (hotelqa_bigrams(UPPER({column}::text)))"


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
