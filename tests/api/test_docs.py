"""The schema and the docs page are served by the application itself: no CDN, nothing fetched."""

import json
import re

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_schema_lists_every_endpoint(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/cases/", "/api/v1/cases/{id}/moves/", "/api/v1/stays/batch/", "/api/v1/kpis/", "/api/v1/work-orders/{id}/moves/"} <= set(schema["paths"])
    assert set(schema["components"]["securitySchemes"]) == {"bearer", "session"}


def test_docs_page_uses_local_files_only(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "script-src 'self'" in response["Content-Security-Policy"]
    from django.contrib.staticfiles import finders

    for url in urls:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url  # shipped by drf-spectacular-sidecar, collected with the rest


def _operation(schema, path="/api/v1/cases/", method="get"):
    return schema["paths"][path][method]


def test_schema_texts_follow_the_requested_language(client):
    english = yaml.safe_load(client.get("/api/schema/").content)
    chinese = yaml.safe_load(client.get("/api/schema/?lang=zh-hans").content)
    assert _operation(english)["summary"] == "List cases" and _operation(english)["tags"] == ["Cases"]
    assert _operation(chinese)["summary"] == "事项列表" and _operation(chinese)["tags"] == ["事项"]
    assert "维修工单" in chinese["info"]["description"]
    params = {p["name"]: p.get("description") for p in _operation(chinese)["parameters"]}
    assert params["open"] == "只看未关闭的事项。"
    assert _operation(chinese, "/api/v1/stays/batch/", "post")["summary"].startswith("批量")
    assert chinese["components"]["securitySchemes"]["bearer"]["description"].startswith("由管理员创建")
    # the reader's Accept-Language works too, and the paths and names stay the same
    by_header = yaml.safe_load(client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="zh-hans").content)
    assert _operation(by_header)["summary"] == "事项列表"
    assert set(chinese["paths"]) == set(english["paths"]) and set(chinese["components"]["schemas"]) == set(english["components"]["schemas"])


def test_every_operation_has_a_summary_in_both_languages(client):
    for lang in ("en", "zh-hans"):
        schema = yaml.safe_load(client.get(f"/api/schema/?lang={lang}").content)
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                assert operation.get("summary"), (lang, path, method)
                assert "permissions = {" not in operation.get("description", "")  # no developer docstrings


@pytest.mark.parametrize("language, wanted", [("en", "lang=en"), ("zh-hans", "lang=zh-hans")])
def test_docs_page_loads_the_schema_in_the_readers_language(client, language, wanted):
    page = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE=language)
    assert f'<html lang="{language}">' in page.content.decode()
    script = client.get("/api/docs/?script=", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    schema_url = json.loads('"%s"' % re.search(r'url: "([^"]*)"', script).group(1))  # written with escapejs
    assert schema_url == f"/api/schema/?{wanted}"
