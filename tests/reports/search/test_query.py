from reports.search.query import fts5_query, is_empty, websearch_query


def test_queries_are_written_for_fts5_with_every_word_quoted():
    assert fts5_query("exploitation") == '"exploitation"'
    assert fts5_query('"INTERPOL\'s ICSE" database') == '"INTERPOL s ICSE" AND "database"'
    assert fts5_query("helpline -police OR hotline") == '("helpline" NOT "police") OR ("hotline")'
    assert fts5_query('AND NOT NEAR "x"') == '"AND" AND "NOT" AND "NEAR" AND "x"'


def test_the_same_query_is_normalised_for_postgresql():
    assert websearch_query('"INTERPOL\'s ICSE" database') == '"INTERPOL s ICSE" database'
    assert websearch_query("helpline -police or hotline") == "helpline -police or hotline"
    assert websearch_query("-police OR hotline") == "hotline"


def test_queries_that_ask_for_nothing():
    assert is_empty("") and is_empty("   ") and is_empty("-police") and is_empty('"" OR -') and is_empty("OR")
    assert not is_empty("OR helpline")
