"""A council's own site: title, tagline, home text and colours from mkdocs.yml, hosting under a
sub-path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clausebook.settings import Settings, SettingsError, contrast
from conftest import ROOT, build_project


def test_defaults_and_given_settings():
    assert Settings.from_config(None, None, {}) == Settings()
    given = Settings.from_config("Ashdown handbook", "A description", {"clausebook": {
        "tagline": "How we work together.", "home": "Read *this* first.", "colours": {"primary": "#1d4f91"}}})
    assert (given.title, given.tagline, given.home, given.primary) == (
        "Ashdown handbook", "How we work together.", "Read *this* first.", "#1d4f91")
    assert "--md-primary-fg-color: #1d4f91;" in (given.stylesheet() or "")
    assert Settings.from_config("x", "From site_description", {}).tagline == "From site_description"
    assert Settings().stylesheet() is None
    assert (Settings().page_size, Settings.from_config("x", None, {"clausebook": {"page_size": "letter"}}).page_size) \
        == ("A4", "Letter")


@pytest.mark.parametrize(("extra", "message"), [
    ({"clausebook": {"tagcloud": "x"}}, "extra.clausebook.tagcloud in mkdocs.yml is not a setting"),
    ({"clausebook": {"colours": {"primary": "blue"}}}, 'must be a colour such as "#1d4f91", not \'blue\''),
    ({"clausebook": {"colours": {"primary": "#ffd700"}}}, "is too light for white text on it"),
    ({"clausebook": {"colours": {"background": "#000000"}}}, "takes primary and accent"),
    ({"clausebook": {"home": ["a list"]}}, "extra.clausebook.home in mkdocs.yml must be text"),
    ({"clausebook": {"logo": "javascript:alert(1)"}}, "extra.clausebook.logo in mkdocs.yml takes a path relative "
                                                      "to docs/, such as assets/logo.svg, or an https:// address"),
    ({"clausebook": {"logo": "/assets/logo.svg"}}, "takes a path relative to docs/"),
    ({"clausebook": {"favicon": "data:image/png;base64,AAAA"}}, "extra.clausebook.favicon in mkdocs.yml takes"),
    ({"clausebook": {"logo": "../logo.svg"}}, "extra.clausebook.logo in mkdocs.yml '../logo.svg' leads out of docs/"),
    ({"clausebook": {"logo": "assets/logo.pdf"}}, "is not a picture the browser shows there: give a .svg, .png"),
    ({"clausebook": {"favicon": ""}}, "extra.clausebook.favicon in mkdocs.yml takes a path"),
    ({"clausebook": {"page_size": "B5"}}, "extra.clausebook.page_size in mkdocs.yml must be one of A4, A3, A5, "
                                          "Letter, Legal, not 'B5'"),
    ({"clausebook": {"titles": "Protocolau"}}, "extra.clausebook.titles in mkdocs.yml takes the site's title in "
                                               "each other language, e.g. {cy: Protocolau'r cyngor}"),
    ({"clausebook": {"titles": {"Welsh": "Protocolau"}}}, "'Welsh' is not a language tag such as cy"),
    ({"clausebook": {"titles": {"cy": ""}}}, "extra.clausebook.titles.cy in mkdocs.yml must be the title, on one "
                                             "line, not ''"),
])
def test_a_setting_the_handbook_cannot_use_is_refused_with_its_name(extra, message):
    with pytest.raises(SettingsError, match=re.escape(message)):
        Settings.from_config("x", None, extra)


def test_the_title_in_another_language():
    settings = Settings.from_config("Our protocols", None, {"clausebook": {"titles": {"cy": " Ein protocolau "}}})
    assert (settings.title_in("cy"), settings.title_in("CY-GB"), settings.title_in("en-GB"),
            settings.title_in(None)) == ("Ein protocolau", "Ein protocolau", "Our protocols", "Our protocols")


def test_a_logo_and_favicon_are_files_in_docs_or_addresses(tmp_path):
    given = Settings.from_config("x", None, {"clausebook": {"logo": "assets/logo.svg", "favicon": "https://a.example/i"}})
    assert (given.logo, given.favicon) == ("assets/logo.svg", "https://a.example/i")
    with pytest.raises(SettingsError, match=re.escape("extra.clausebook.logo in mkdocs.yml names 'assets/logo.svg', "
                                                      "which is not a file in docs/")):
        given.check_files(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    given.check_files(tmp_path)
    Settings().check_files(tmp_path)  # (none given: nothing to look for)


def test_the_pairs_to_compare():
    assert Settings().comparisons(["kirklees", "somerset"]) == [("somerset", "kirklees")]  # the examples
    assert Settings().comparisons(["ashdown", "somerset"]) == []
    given = Settings.from_config("x", None, {"clausebook": {"compare": [["ashdown", "bexley"], ["bexley", "ashdown"]]}})
    assert given.comparisons(["ashdown", "bexley"]) == [("ashdown", "bexley"), ("bexley", "ashdown")]
    assert Settings.from_config("x", None, {"clausebook": {"compare": []}}).comparisons(["kirklees", "somerset"]) == []
    with pytest.raises(SettingsError, match="names 'bexley', which is not a protocol in source/"):
        given.comparisons(["ashdown"])


@pytest.mark.parametrize(("compare", "message"), [
    ("somerset--kirklees", "takes pairs of protocol ids, e.g. [[somerset, kirklees]]"),
    ([["somerset"]], "takes pairs of protocol ids"),
    ([["somerset", "somerset"]], "compares 'somerset' with itself"),
    ([["a", "b"], ["a", "b"]], "names the pair ['a', 'b'] twice"),
])
def test_pairs_the_handbook_cannot_compare_are_refused(compare, message):
    with pytest.raises(SettingsError, match=re.escape(message)):
        Settings.from_config("x", None, {"clausebook": {"compare": compare}})


def test_contrast_is_the_wcag_ratio():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.fixture(scope="module")
def council_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook with a council's own settings, published under a sub-path."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_name: Member/officer protocols", "site_name: Ashdown Borough handbook")
    config = config.replace("extra:\n", "extra:\n  clausebook:\n    tagline: How Ashdown's councillors and "
                            "officers work together.\n    home: \"Start with [the data](data.md).\"\n"
                            "    colours: {primary: \"#1d4f91\"}\n"
                            "    logo: https://example.org/handbook/logo.svg\n"
                            "    favicon: https://example.org/handbook/favicon.png\n", 1)
    return build_project(tmp_path_factory.mktemp("council"), config=config,
                         CLAUSEBOOK_SITE_URL="https://example.org/handbook/")


def test_the_home_page_is_the_councils(council_site):
    home = (council_site / "index.html").read_text(encoding="utf-8")
    assert "<h1 id=\"ashdown-borough-handbook\">Ashdown Borough handbook" in home
    assert re.search(r"How Ashdown(?:'|&#39;|’)s councillors and officers work together", home)
    assert 'href="data/"' in home
    # (the list of protocols ends before the next heading; the sentence on the open data ends the page)
    assert re.search(r"</ul>\s*<h2 id=\"finding-a-paragraph\">", home)
    assert re.search(r"</ul>\s*<p>The whole text of every protocol is also published as", home)
    assert re.search(r'md-logo"[^>]*>\s*<img src="https://example.org/handbook/logo.svg" alt="">', home)
    assert '<link rel="icon" href="https://example.org/handbook/favicon.png">' in home
    colours = (council_site / "stylesheets" / "council-colours.css").read_text(encoding="utf-8")
    assert "#1d4f91" in colours and "stylesheets/council-colours.css" in home


def test_under_a_sub_path_every_link_stays_inside_the_site(council_site):
    """Links are relative, or absolute under the sub-path (the 404 page): none leaves it."""
    for page in council_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"]+)"', text):
            assert not link.startswith("/") or link.startswith("/handbook/"), (page, link)
            if link.startswith("https://example.org/"):
                assert link.startswith("https://example.org/handbook/"), (page, link)
