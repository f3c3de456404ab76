import pytest

from abverify import agent_module

_minicsv = agent_module("minicsv")
ParseError, parse, parse_line, records = _minicsv.ParseError, _minicsv.parse, _minicsv.parse_line, _minicsv.records


def test_empty_fields_everywhere():
    assert parse_line(",,") == ["", "", ""]


def test_empty_line_record():
    assert parse("a\n\nb\n") == [["a"], [""], ["b"]]


def test_crlf():
    assert parse("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]]


def test_no_final_newline():
    assert parse("a,b\nc,d") == [["a", "b"], ["c", "d"]]


def test_spaces_kept():
    assert parse_line(" a , b ") == [" a ", " b "]


def test_other_delimiter_and_quoted_crlf():
    assert parse('x;"1;\r\n2"\ny;3\n', delimiter=";") == [["x", "1;\r\n2"], ["y", "3"]]


def test_unterminated_quote_line_number():
    with pytest.raises(ParseError, match="line 3"):
        parse('a\nb\n"c,d\ne\n')


def test_records_field_count_line_number():
    with pytest.raises(ParseError, match="line 4"):
        records('k,v\n1,"x\ny"\n2,3,4\n')


def test_records_quoted_header_and_values():
    assert records('"a,b",c\n"1 ""q""",2\n') == [{"a,b": '1 "q"', "c": "2"}]


def test_empty_quoted_field():
    assert parse_line('"",x') == ["", "x"]
