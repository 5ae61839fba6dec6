"""A manager, reading Chinese, asks for last month's quality report from the dashboard, watches it
land on the Downloads page and downloads a PDF whose text is Chinese."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from hotelqa.reports.monthly import last_month

from .conftest import PHONE, log_in


def test_manager_downloads_the_monthly_report_in_chinese(open_page, demo_org, tmp_path):
    page = open_page(language="zh-hans")
    log_in(page, "manager.harbour")
    page.goto("/dashboard/")
    page.get_by_role("link", name="月度质量报告").click()
    expect(page.locator("h1")).to_have_text("月度质量报告")
    month = str(last_month())
    page.fill("#id_month", month)
    page.select_option("#id_format", "pdf")
    page.get_by_role("button", name="生成报告").click()

    expect(page.locator("h1")).to_have_text("下载")
    row = page.locator("li.list-group-item-info")  # the report just asked for is highlighted
    expect(row).to_contain_text(f"{month} 月度质量报告")
    link = row.get_by_role("link", name=re.compile("下载"))
    expect(link).to_be_visible(timeout=30_000)  # built in the background; the row polls until ready
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"quality-report-harbour-{month}.pdf"
    content = open(download.path(), "rb").read()
    text = re.sub(r"[\s\x00]+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))
    assert "月度质量报告" in text and "指标与目标对比" in text

    phone = open_page(viewport=PHONE, language="zh-hans")
    log_in(phone, "manager.harbour")
    phone.goto("/downloads/")
    expect(phone.locator("li.list-group-item").first).to_contain_text("月度质量报告")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
