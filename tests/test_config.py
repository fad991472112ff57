"""The config file: the template is valid, and mistakes name file, line and key."""

from __future__ import annotations

import pytest

from influscope.config import parse_config
from influscope.errors import ConfigError
from influscope.workspace import template_text


def test_template_is_valid_and_documents_every_section():
    config = parse_config(template_text())
    assert config.brands == [] and config.axes == []
    for section in (
        "[[brands]]",
        "[[axes]]",
        "[[sources]]",
        "[[alerts]]",
        "[[channels]]",
        "[[reports]]",
        "[actors]",
    ):
        assert section in template_text()


def test_uncommented_template_examples_are_valid():
    # Every commented example of the template must itself be valid config.
    lines = []
    for line in template_text().splitlines():
        stripped = line.lstrip()
        if stripped.startswith("# [") or (
            stripped.startswith("# ")
            and "=" in stripped.split("#")[1][:40]
            and not stripped.startswith("# ---")
        ):
            lines.append(stripped[2:])
        else:
            lines.append(line)
    config = parse_config("\n".join(lines))
    assert config.brands[0].name == "Acme" and config.axes[0].name == "usine-du-futur"


BAD = """[workspace]
name = "x"

[[brands]]
name = "Acme"
handles = ["@acme"]

[[brands]]
name = "Beta"
handles = ["beta"]
"""


def test_error_names_file_line_and_key():
    with pytest.raises(ConfigError) as info:
        parse_config(BAD, "ws/influscope.toml")
    message = info.value.message
    assert message.startswith("ws/influscope.toml:10: key 'brands.1.handles'")
    assert "must start with '@'" in message


def test_unknown_key_and_toml_syntax_errors():
    with pytest.raises(ConfigError) as info:
        parse_config('[workspace]\nnmae = "x"\n', "f.toml")
    assert info.value.message.startswith("f.toml:2: key 'workspace.nmae'")
    assert "spelling" in info.value.hint
    with pytest.raises(ConfigError) as info:
        parse_config('[workspace]\nname = "x\n', "f.toml")
    assert "line 2" in info.value.message


def test_an_alias_written_as_an_account_is_a_handle_too():
    """An alias like "@EmmanuelMacron" is the brand's account: its owner is the brand."""
    from influscope.analyze.map.owned import owners

    config = parse_config(
        '[[brands]]\nname = "Macron"\nown = true\n'
        'aliases = ["Emmanuel Macron", "@EmmanuelMacron", "@Marche Citoyenne"]\n'
        '[[brands]]\nname = "Le Pen"\naliases = ["@MLP_officiel"]\nhandles = ["@mlp_officiel"]\n'
    )
    macron, le_pen = config.brands
    assert macron.handles == ["@EmmanuelMacron"]  # a phrase with a space stays a phrase
    assert le_pen.handles == ["@mlp_officiel"]  # already there, not twice
    accounts = [("twitter:emmanuelmacron", "emmanuelmacron"), ("twitter:mlp_officiel", None)]
    assert owners(config.brands, accounts) == {
        "twitter:emmanuelmacron": "Macron",
        "twitter:mlp_officiel": "Le Pen",
    }
