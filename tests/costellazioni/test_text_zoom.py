"""Text-only zoom to 200 % (the root font size doubled, as a browser's text zoom does) at 1280 and 320 px:
nothing is wider than the screen and every item of the main menu stays visible (WCAG 1.4.4, 1.4.10)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ZOOM = "html { font-size: 200% !important; }"

# Elements reaching past the viewport's right edge; hidden and visually hidden elements are not counted.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest(".visually-hidden, .visually-hidden-focusable, [hidden]")) continue;
    if (box.right > width + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)} px)`);
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 10)};
}"""


def zoomed(browser, live_server, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="it-IT", bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    page.add_style_tag(content=ZOOM)
    page.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '32px'")
    return context, page


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("path", ["/", "/il-progetto/", "/accounts/login/"])
def test_nothing_wider_than_the_screen_at_200_percent_text(live_server, browser, width, path):
    context, page = zoomed(browser, live_server, width, path)
    try:
        report = page.evaluate(OVERFLOWING)
        assert report["scrollWidth"] <= report["width"], report
        assert not report["out"], report
    finally:
        context.close()


def test_every_menu_item_is_on_screen_at_200_percent_text(live_server, browser):
    context, page = zoomed(browser, live_server, 1280, "/")
    try:
        items = page.locator("#main-navigation .navbar-nav > li > a")
        assert items.count() >= 7
        for index in range(items.count()):
            box = items.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, items.nth(index).inner_text()
            assert items.nth(index).is_visible()
    finally:
        context.close()
