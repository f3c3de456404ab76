from abverify import agent_module

_minicsv = agent_module("minicsv")
parse, parse_line, records = _minicsv.parse, _minicsv.parse_line, _minicsv.records


def test_quoted_delimiter():
    assert parse_line('a,"b,c",d') == ["a", "b,c", "d"]


def test_doubled_quote():
    assert parse_line('"say ""hi""",x') == ['say "hi"', "x"]


def test_trailing_empty_field():
    assert parse_line("a,b,") == ["a", "b", ""]


def test_multiline_field():
    assert parse('id,note\n1,"two\nlines"\n2,plain\n') == [["id", "note"], ["1", "two\nlines"], ["2", "plain"]]


def test_records():
    assert records("name,age\nAda,36\n") == [{"name": "Ada", "age": "36"}]
