"""The editors' searches over every body: the case editor's municipality
chooser and the admin list find names, kana in either script and codes."""

import pytest

from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/municipality_chooser/"
RESULTS = "/admin/municipality_chooser/results/"
ADMIN_LIST = "/admin/taxonomy/municipality/"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def html_of(response):
    """The chooser modal answers JSON wrapping its HTML; its results view (the search box) answers HTML."""
    if response["Content-Type"] == "application/json":
        return response.json()["html"]
    return response.content.decode()


@pytest.mark.parametrize(
    "query", ["いすみ", "イスミ", "ｲｽﾐ", "すみ", "いすみ市", "122386", "12238", "1223", "千葉県いすみ"]
)
def test_chooser_finds_by_name_kana_and_code(editor_client, query):
    for url in (CHOOSER, RESULTS):
        response = editor_client.get(url, {"q": query})
        assert response.status_code == 200
        assert "いすみ市" in html_of(response), (url, query)


def test_chooser_puts_exact_matches_first_and_leaves_others_out(editor_client):
    html = html_of(editor_client.get(RESULTS, {"q": "府中"}))
    assert "府中市" in html and "府中町" in html
    assert "いすみ市" not in html
    # 府中市 (東京都, 広島県) and 府中町 are exact; 府中 inside a longer name comes later, if at all.
    assert html.index("府中市") < html.index("府中町")


def test_chooser_with_nothing_found_or_bad_input_is_a_clear_empty_list(editor_client):
    for query in ("ほげほげ", "122387", "x" * 500, "%"):
        response = editor_client.get(RESULTS, {"q": query})
        assert response.status_code == 200
    assert "いすみ市" not in html_of(editor_client.get(RESULTS, {"q": "ほげほげ"}))


def test_chooser_never_lists_every_body(editor_client):
    html = html_of(editor_client.get(CHOOSER))
    assert Municipality.objects.count() > 1000
    assert html.count("data-chooser-modal-choice") <= 30


@pytest.mark.parametrize("query", ["イスミ", "いすみ", "ｲｽﾐ", "122386", "12238", "すみし"])
def test_admin_list_search_finds_kana_in_either_script_and_codes(client, superuser, query):
    client.force_login(superuser)
    response = client.get(ADMIN_LIST, {"q": query})
    assert response.status_code == 200
    assert "いすみ市" in response.content.decode()


def test_admin_list_search_combines_with_the_kind_and_prefecture_filters(client, superuser):
    client.force_login(superuser)
    html = client.get(ADMIN_LIST, {"q": "ふちゅう", "kind__exact": "town"}).content.decode()
    assert "府中町" in html and "府中市" not in html
    hiroshima = Municipality.objects.get(kind="prefecture", name="広島県").prefecture
    html = client.get(ADMIN_LIST, {"q": "府中", "prefecture__id__exact": hiroshima.pk}).content.decode()
    assert "府中町" in html and "府中市" in html and "東京都" not in html.split("<tbody")[-1]
