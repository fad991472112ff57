from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from tests.ingest.presets_helpers import (
    PRESETS,
    counts,
    docs_by_id,
    edges,
    rows,
    run_errors,
    run_import,
)


def test_brandwatch_csv_with_title_block(cli):
    code, err = run_import(cli, PRESETS / "brandwatch.csv", "brandwatch")
    assert code == 1
    # the title block is 5 lines + header: the bad date is on file line 11
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(11, "published_at")}
    docs = docs_by_id(cli.root)
    news = "web:https://www.journal-industrie.fr/acme-usine-pilote-lyon"
    assert set(docs) == {
        "twitter:1760000000000000010",
        "twitter:1760000000000000011",
        news,
        "reddit:t1_kr00001",
    }
    tweet = docs["twitter:1760000000000000010"]
    assert tweet["author_id"] == "twitter:claire_usine"
    assert tweet["published_at"] == datetime(2024, 2, 20, 9, 15)
    assert tweet["likes"] == 17 and tweet["shares"] == 3 and tweet["views"] == 900
    assert tweet["mentions"] == ["acmeindustrie"] and tweet["hashtags"] == ["industrie40"]
    assert '"sentiment":"positive"' in tweet["raw"]  # vendor sentiment kept
    assert docs[news]["author_id"] == "web:journal-industrie.fr"
    assert docs["twitter:1760000000000000011"]["repost_of"] == "twitter:1760000000000000001"
    assert docs["reddit:t1_kr00001"]["author_id"] == "reddit:syndic_ouest"
    found = edges(cli.root)
    assert ("repost", "twitter:acmeindustrie", "twitter:journalindus") in found
    assert ("link", "twitter:claire_usine", "web:acme-industrie.fr") in found
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["twitter:acmeindustrie"]["followers"] == 48210
    assert actors["twitter:acmeindustrie"]["verified"] is True
    before = counts(cli.root)
    run_import(cli, PRESETS / "brandwatch.csv", "brandwatch")
    assert counts(cli.root) == before


def _xlsx(path: Path, title_rows: list[list[str]], source_csv: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in title_rows:
        sheet.append(row)
    with source_csv.open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    start = next(i for i, r in enumerate(table) if "Query Id" in r)
    for row in table[start:]:
        sheet.append(row)
    book.save(path)
    return path


def test_brandwatch_xlsx_matches_csv(cli, tmp_path):
    xlsx = _xlsx(
        tmp_path / "bw.xlsx",
        [["Brandwatch export"], ["Query", "Acme - usine du futur"], []],
        PRESETS / "brandwatch.csv",
    )
    code, _ = run_import(cli, xlsx, "brandwatch")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(9, "published_at")}
    assert len(docs_by_id(cli.root)) == 4


def test_talkwalker_csv(cli):
    code, _ = run_import(cli, PRESETS / "talkwalker.csv", "talkwalker")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(5, "url")}
    docs = docs_by_id(cli.root)
    assert set(docs) == {
        "twitter:1760000000000000030",
        "web:https://www.usine-mag.fr/articles/jumeau-numerique-acme",
        "youtube:AbC123xyz_9",
    }
    tweet = docs["twitter:1760000000000000030"]
    assert tweet["published_at"] == datetime(2024, 2, 22, 14, 0)  # epoch milliseconds
    assert tweet["author_id"] == "twitter:techwatchfr"
    news = docs["web:https://www.usine-mag.fr/articles/jumeau-numerique-acme"]
    assert news["published_at"] == datetime(2024, 2, 22, 15, 0)
    assert news["author_id"] == "web:usine-mag.fr" and news["replies"] == 3
    assert docs["youtube:AbC123xyz_9"]["author_id"] == "youtube:acmeofficiel"
    assert ("mention", "twitter:techwatchfr", "twitter:acmeindustrie") in edges(cli.root)
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["web:usine-mag.fr"]["name"] == "Usine Mag"


def test_meltwater_utf16_tab_separated(cli):
    code, err = run_import(cli, PRESETS / "meltwater.csv", "meltwater")
    assert code == 0, err
    docs = docs_by_id(cli.root)
    tweet = docs["twitter:1760000000000000040"]
    assert tweet["published_at"] == datetime(2024, 2, 22, 9, 30)
    assert tweet["shares"] == 5
    news = docs["web:https://www.lyon-eco.fr/acme-embauche-200"]
    assert news["published_at"] == datetime(2024, 2, 22, 11, 0)  # Date + Time columns
    assert news["title"] == "Acme embauche"
    assert ("repost", "twitter:syndic_metal", "twitter:acmeindustrie") in edges(cli.root)
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["twitter:syndic_metal"]["followers"] == 8800
    assert actors["twitter:syndic_metal"]["bio"] == "Syndicat"


def test_visibrain_french_semicolon_export(cli):
    code, _ = run_import(cli, PRESETS / "visibrain.csv", "visibrain")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(4, "followers")}
    docs = docs_by_id(cli.root)
    reply = docs["twitter:1760000000000000050"]
    assert reply["reply_to"] == "twitter:1760000000000000040"
    assert docs["twitter:1760000000000000051"]["repost_of"] == "twitter:1760000000000000001"
    found = edges(cli.root)
    assert ("reply", "twitter:paul_ops", "twitter:syndic_metal") in found
    assert ("repost", "twitter:claire_usine", "twitter:journalindus") in found
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["twitter:claire_usine"]["followers"] == 1830
    assert actors["twitter:claire_usine"]["verified"] is False


def test_digimind_xlsx_with_title_block(cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Digimind Social - Export des mentions"])
    sheet.append(["Sujet", "Acme usine du futur", "Période", "20/02/2024 - 23/02/2024"])
    sheet.append([])
    sheet.append(["Date", "Titre", "Contenu", "URL", "Type de source", "Auteur", "Nom de l'auteur", "Abonnés", "Langue", "Tonalité", "Portée", "J'aime", "Partages", "Commentaires", "Source"])  # fmt: skip
    sheet.append([datetime(2024, 2, 23, 10, 0), "", "Acme, bel exemple #usinedufutur", "https://www.instagram.com/p/C3xYz12/", "Instagram", "acme.officiel", "Acme", 15000, "Français", "Positif", 15000, 320, "", 12, "Instagram"])  # fmt: skip
    sheet.append(["2024-02-23T12:00:00+01:00", "Usine du futur : l'exemple lyonnais", "Un reportage sur la ligne robotisée d'Acme.", "https://www.france-region.fr/lyon/usine-futur", "Presse en ligne", "Jean Roux", "", "", "Français", "Neutre", 80000, "", "", "", "France Région"])  # fmt: skip
    sheet.append(["", "", "sans date", "https://www.exemple.fr/x", "Blog", "", "", "", "", "", "", "", "", "", ""])  # fmt: skip
    path = tmp_path / "digimind.xlsx"
    book.save(path)
    code, _ = run_import(cli, path, "digimind")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(7, "published_at")}
    docs = docs_by_id(cli.root)
    insta = "instagram:https://www.instagram.com/p/C3xYz12/"
    assert set(docs) == {insta, "web:https://www.france-region.fr/lyon/usine-futur"}
    assert docs[insta]["author_id"] == "instagram:acme.officiel"
    assert docs[insta]["likes"] == 320 and docs[insta]["replies"] == 12
    web = docs["web:https://www.france-region.fr/lyon/usine-futur"]
    assert web["published_at"] == datetime(2024, 2, 23, 11, 0)
    assert web["author_id"] == "web:france-region.fr"
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["web:france-region.fr"]["name"] == "France Région"
    assert actors["instagram:acme.officiel"]["followers"] == 15000


def test_vendor_file_without_header_is_refused(cli, tmp_path):
    path = tmp_path / "nothing.csv"
    path.write_text("a,b,c\n1,2,3\n")
    code, err = run_import(cli, path, "talkwalker")
    assert code != 0
    assert "no talkwalker header row" in err


@pytest.mark.parametrize(
    "preset", ["brandwatch", "talkwalker", "meltwater", "visibrain", "digimind"]
)
def test_every_vendor_preset_is_registered(preset):
    from influscope.ingest.plugins import PRESETS

    obj = PRESETS.load(preset)(platform=None, mapping={})
    assert obj.columns["url"]


def test_map_overrides_a_vendor_column(cli, tmp_path):
    path = tmp_path / "tw.csv"
    path.write_text(
        "url,published,my_text,source_type\n"
        "https://www.exemple.fr/a,2024-02-22T10:00:00Z,Texte choisi,BLOG\n",
        encoding="utf-8",
    )
    code, err = run_import(cli, path, "talkwalker", "--map", "text=my_text")
    assert code == 0, err
    (doc,) = docs_by_id(cli.root).values()
    assert doc["text"] == "Texte choisi" and doc["author_id"] == "web:exemple.fr"


def test_gzipped_preset_files_are_read(cli, tmp_path):
    import gzip

    path = tmp_path / "reddit.ndjson.gz"
    path.write_bytes(gzip.compress((PRESETS / "reddit.ndjson").read_bytes()))
    run_import(cli, path, "reddit")
    assert len(docs_by_id(cli.root)) == 5


@pytest.mark.parametrize(
    ("file", "preset"),
    [
        ("talkwalker.csv", "talkwalker"),
        ("meltwater.csv", "meltwater"),
        ("visibrain.csv", "visibrain"),
    ],
)
def test_vendor_reimport_changes_nothing(cli, file, preset):
    run_import(cli, PRESETS / file, preset)
    first = counts(cli.root)
    assert first["documents"] > 0
    run_import(cli, PRESETS / file, preset)
    assert counts(cli.root) == first
