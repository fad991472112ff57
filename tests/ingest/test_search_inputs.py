"""Search demand and result pages: presets, line-numbered errors, idempotence."""

from __future__ import annotations

from datetime import datetime

import pytest

from influscope.errors import ImportRejected
from tests.conftest import DATA

HERE = DATA / "journey"


def rows(ws, table, order):
    return ws.store.to_arrow(ws.store.table(table).order_by(order)).to_pylist()


def test_keyword_planner_utf16_export(workspace):
    summary = workspace.ingest.demand(HERE / "keyword_planner.csv")
    assert summary.preset == "keyword-planner"
    assert (summary.rows, summary.rejected) == (3, 1)
    assert summary.errors[0].line == 7
    assert summary.errors[0].field == "volume"
    got = {r["query"]: r for r in rows(workspace, "search_demand", "query")}
    assert got["industrie 4.0"]["volume"] == 12100
    assert got["usine du futur"]["period"] == "October 1, 2025 - September 30, 2026"
    assert got["acme pollution"]["volume"] == pytest.approx(1000 * 10**0.5)


def test_search_console_queries_keep_clicks_and_position(workspace):
    summary = workspace.ingest.demand(HERE / "search_console_queries.csv", locale="fr-FR")
    assert summary.preset == "search-console"
    assert summary.rejected == 1 and summary.errors[0].line == 5
    got = {r["query"]: r for r in rows(workspace, "search_demand", "query")}
    assert got["acme robots"]["volume"] == 5230
    assert got["acme robots"]["clicks"] == 1401
    assert got["acme robots"]["position"] == pytest.approx(1.3)
    assert got["acme robots"]["locale"] == "fr-FR"


def test_generic_demand_is_idempotent(workspace):
    first = workspace.ingest.demand(HERE / "demand_generic.csv", preset="generic")
    second = workspace.ingest.demand(HERE / "demand_generic.csv", preset="generic")
    assert first.inserted == 4 and second.inserted == 0 and second.updated == 0
    assert workspace.store.count("search_demand") == 4


def test_generic_serp_errors_name_line_and_field(workspace):
    summary = workspace.ingest.serp(HERE / "serp_generic.csv")
    assert summary.preset == "generic"
    assert summary.rows == 4
    assert [(e.line, e.field) for e in summary.errors] == [(6, "rank"), (7, "url")]
    got = rows(workspace, "serp", "rank")
    assert got[1]["url"] == "https://www.lemonde.fr/economie/usine-futur.html"
    assert got[1]["domain"] == "lemonde.fr"
    assert got[0]["captured_at"] == datetime(2026, 9, 15, 8, 0)
    assert workspace.data.run_errors()[0].line == 6


def test_strict_serp_import_writes_nothing(workspace):
    with pytest.raises(ImportRejected, match=r"serp_generic.csv:6: field 'rank'"):
        workspace.ingest.serp(HERE / "serp_generic.csv", strict=True)
    assert workspace.store.count("serp") == 0


def test_serpapi_json(workspace):
    summary = workspace.ingest.serp(HERE / "serpapi.json")
    assert summary.preset == "serpapi" and summary.rows == 4
    got = rows(workspace, "serp", "rank")
    assert {r["engine"] for r in got} == {"google"}
    assert got[0]["query"] == "acme pollution"
    assert got[0]["captured_at"] == datetime(2026, 9, 20, 7, 12, 45)
    assert got[3]["url"] == "https://mastodon.social/@alice"
    again = workspace.ingest.serp(HERE / "serpapi.json", preset="serpapi")
    assert again.inserted == 0


def test_serpapi_bad_result_names_its_place(workspace, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '[{"search_parameters": {"q": "x"}, "search_metadata": {"created_at": "2026-01-01 00:00:00 UTC"},'
        ' "organic_results": [{"position": 1, "title": "no link"}]}]'
    )
    summary = workspace.ingest.serp(bad, preset="serpapi")
    assert summary.errors[0].field == "organic_results[0].url"
    assert summary.errors[0].line == 1


def test_keyword_planner_xlsx_with_title_rows(workspace, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Keyword Stats 2026-10-02 at 08_41_12"])
    sheet.append(["October 1, 2025 - September 30, 2026"])
    sheet.append(["Keyword", "Currency", "Avg. monthly searches", "Competition"])
    sheet.append(["cobotique", "EUR", 1900, "Low"])
    sheet.append(["robot collaboratif", "EUR", "10K – 100K", "High"])
    path = tmp_path / "Keyword Stats.xlsx"
    book.save(path)
    summary = workspace.ingest.demand(path, preset="keyword-planner", period="2025-10/2026-09")
    assert (summary.rows, summary.rejected) == (2, 0)
    got = {r["query"]: r["volume"] for r in rows(workspace, "search_demand", "query")}
    assert got == {"cobotique": 1900, "robot collaboratif": pytest.approx(10_000 * 10**0.5)}


def test_journey_on_an_empty_workspace(workspace):
    assert workspace.journeys.compute() == []
    assert workspace.journeys.compute(level="page") == []
    assert workspace.journeys.queries()["queries"] == []


def test_demand_without_a_volume_column_is_refused_whole(workspace, tmp_path):
    """A Google Trends table (relative 0-100 per query and region) is not demand: say so, store nothing."""
    from influscope.errors import UsageError

    trends = tmp_path / "trends.csv"
    trends.write_text(
        "location,hits,keyword,geo,gprop\nAlaska,100,Don Young,US,web\nOhio,6,Don Young,US,web\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError) as refused:
        workspace.ingest.demand(trends)
    message = refused.value.message
    assert (
        "no column gives volume (volume, avg. monthly searches, searches, impressions);"
        " its columns are location, hits, keyword, geo, gprop." == message.split(": ", 1)[1]
    )
    assert "Google Trends" in refused.value.hint
    assert workspace.store.count("search_demand") == 0


# A query-click log without a header row (the SogouQ layout: time, user, [query],
# rank and click order, address without scheme): its first line is data.
CLICK_LOG = (
    "00:00:00\t2982199073774412\t[360安全卫士]\t8 3\tdownload.it.com.cn/soft/17938.html\n"
    "00:00:00\t07594220010824798\t[哄抢救灾物资]\t1 1\tnews.21cn.com/social/4777194_1.shtml\n"
)


@pytest.mark.parametrize("command", ["serp", "demand", "transitions"])
def test_a_table_without_its_columns_is_refused_before_any_row(workspace, tmp_path, command):
    """A headerless log had every row rejected for one missing field; now one error names the columns."""
    from influscope.errors import UsageError

    log = tmp_path / "clicks.tsv"
    log.write_text(CLICK_LOG, encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        getattr(workspace.ingest, command)(log)
    message = refused.value.message
    assert message.startswith(f"{log}: no column gives ")
    assert "its columns are 00:00:00, 2982199073774412, [360安全卫士], 8 3," in message
    wanted = {"serp": "url (url, link)", "demand": "volume (", "transitions": "clicks (clicks, n,"}
    assert wanted[command] in message
    assert refused.value.hint.startswith("Its first line reads like data, not column names")
    table = {"serp": "serp", "demand": "search_demand", "transitions": "transitions"}[command]
    assert workspace.store.count(table) == 0
    assert workspace.data.run_errors() == []


def test_serp_columns_are_read_in_any_case(workspace, tmp_path):
    """Exports capitalise their headers (Query, Position, URL): every row was 'missing query'."""
    page = tmp_path / "export.csv"
    page.write_text(
        "Query,Position,URL,Date,Title\n"
        "vélo électrique,1,https://www.a.fr/x,2026-01-05,Vélos\n"
        "vélo électrique,2,https://b.fr/y,2026-01-05,Guide\n",
        encoding="utf-8",
    )
    summary = workspace.ingest.serp(page)
    assert (summary.rows, summary.rejected) == (2, 0)
    got = rows(workspace, "serp", "rank")
    assert [(r["query"], r["rank"], r["domain"], r["title"]) for r in got] == [
        ("vélo électrique", 1, "a.fr", "Vélos"),
        ("vélo électrique", 2, "b.fr", "Guide"),
    ]


def test_a_click_log_with_its_header_reads_addresses_without_scheme(workspace, tmp_path):
    """Query-click logs write 'news.21cn.com/…': every row was 'expected an http(s) URL'."""
    log = tmp_path / "clicks.tsv"
    log.write_text(
        "time\tuser\tquery\trank\turl\n"
        + CLICK_LOG.replace("\t8 3\t", "\t8\t").replace("\t1 1\t", "\t1\t")
        + "00:00:01\t1\tq\t2\tjavascript:alert(1)\n",
        encoding="utf-8",
    )
    summary = workspace.ingest.serp(log, captured_at="2008-06-01")
    assert (summary.rows, summary.rejected) == (2, 1)
    assert summary.errors[0].field == "url"
    got = rows(workspace, "serp", "rank")
    assert [(r["rank"], r["url"], r["domain"]) for r in got] == [
        (1, "http://news.21cn.com/social/4777194_1.shtml", "news.21cn.com"),
        (8, "http://download.it.com.cn/soft/17938.html", "download.it.com.cn"),
    ]


def test_serp_capture_time_for_rows_without_one(workspace, tmp_path):
    """A scraped page without dates: --captured-at dates every row; without it, one error says so."""
    from influscope.errors import UsageError

    page = tmp_path / "scraped.csv"
    page.write_text("query,rank,url\ncobot,1,https://a.fr/\ncobot,2,https://b.fr/\n", "utf-8")
    with pytest.raises(UsageError, match=r"captured_at \(captured_at, date, timestamp\)"):
        workspace.ingest.serp(page)
    with pytest.raises(UsageError, match=r"--captured-at: expected a date and time"):
        workspace.ingest.serp(page, captured_at="yesterday")
    summary = workspace.ingest.serp(page, captured_at="2026-03-01T09:30:00+01:00")
    assert (summary.rows, summary.rejected) == (2, 0)
    assert {r["captured_at"] for r in rows(workspace, "serp", "rank")} == {
        datetime(2026, 3, 1, 8, 30)
    }


def test_rows_repeating_a_key_are_counted_and_the_last_is_kept(workspace, tmp_path):
    """One row per region of each query, no locale column: 3 rows, 2 keys, the file's last wins."""
    regions = tmp_path / "regions.csv"
    regions.write_text(
        "query,volume,region\nrobot,10,north\ncobot,5,north\nrobot,70,south\n", encoding="utf-8"
    )
    summary = workspace.ingest.demand(regions)
    assert (summary.rows, summary.inserted, summary.repeated) == (3, 2, 1)
    got = {r["query"]: r["volume"] for r in rows(workspace, "search_demand", "query")}
    assert got == {"cobot": 5, "robot": 70}
    clicks = tmp_path / "clicks.tsv"
    clicks.write_text("A\tB\tlink\t20\nA\tB\tlink\t5\n", encoding="utf-8")
    summary = workspace.ingest.transitions(clicks)
    assert (summary.rows, summary.inserted, summary.repeated) == (2, 1, 1)
    assert rows(workspace, "transitions", "src_url")[0]["clicks"] == 25


def test_the_cli_says_how_many_rows_repeated_a_key(cli, tmp_path, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    regions = tmp_path / "regions.csv"
    regions.write_text("query,volume\nrobot,10\nrobot,70\nrobot,3\n", encoding="utf-8")
    code, _, err = cli("ingest", "demand", str(regions))
    assert code == 0, err
    assert "3 records read (generic): 3 queries (1 new, 0 updated), 0 rejected." in err
    assert "2 rows repeat the query, locale and period of an earlier row: the last one" in err
    code, _, err = cli("--lang", "fr", "ingest", "demand", str(regions))
    assert "2 lignes répètent la requête, la langue-région et la période" in err


def test_the_cli_names_a_headerless_tables_columns_in_french(cli, tmp_path):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    log = tmp_path / "clicks.tsv"
    log.write_text(CLICK_LOG, encoding="utf-8")
    code, _, err = cli("--lang", "fr", "ingest", "serp", str(log), "--captured-at", "2008-06-01")
    assert code == 2
    assert "aucune colonne ne donne query (query, q, keyword)" in err
    assert "Sa première ligne ressemble à des données" in err
    assert "captured_at" not in err.split("ses colonnes")[0]
