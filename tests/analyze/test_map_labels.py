"""Community labels and domains say what a community talks about, not the plumbing or the brand."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import orjson

from influscope.workspace import Workspace

CONFIG = """
[[brands]]
name = "Acme"
own = true
aliases = ["Acme"]
handles = ["@acme"]
"""


def _world(root: Path) -> Workspace:
    """Two camps of six accounts reposting each other: one writes about recycling and
    Acme, the other posts bare shortened links."""
    start = datetime(2026, 3, 1)
    rows = []
    for camp, text in (("a", "Lisez {link} #Acme #recyclage"), ("b", "{link}")):
        for i in range(6):
            for k in range(3):
                rows.append(
                    {
                        "id": f"{camp}{i}-{k}",
                        "platform": "twitter",
                        "author": f"{camp}{i}",
                        "text": text.format(link=f"https://t.co/x{camp}{i}{k}"),
                        "published_at": (start + timedelta(hours=10 * i + k)).isoformat() + "Z",
                    }
                )
            for j in range(6):
                if j != i:
                    rows.append(
                        {
                            "id": f"{camp}{i}-rt{j}",
                            "platform": "twitter",
                            "author": f"{camp}{i}",
                            "text": "RT",
                            "repost_of": f"twitter:{camp}{j}-0",
                            "published_at": (start + timedelta(days=2, hours=j)).isoformat() + "Z",
                        }
                    )
    path = root.parent / "posts.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    ws = Workspace.init(root, config_text=CONFIG)
    ws.ingest.files([path])
    return ws


def test_labels_skip_shorteners_and_the_brand_hashtag(tmp_path: Path) -> None:
    ws = _world(tmp_path / "ws")
    try:
        result = ws.maps.compute()
        coarse = [c for c in result.communities if c["level"] == "coarse"]
        assert len(coarse) >= 2
        for community in coarse:
            domains = [d["value"] for d in community.get("domains") or []]
            assert "t.co" not in domains  # the road, not where the link leads
            label = community["label"]
            assert "t.co" not in label and "acme" not in label.lower(), label
        labels = [c["label"] for c in coarse]
        assert any("recyclage (a" in label for label in labels), labels
        assert any(label.startswith("b") and "(" not in label for label in labels), labels
    finally:
        ws.close()
