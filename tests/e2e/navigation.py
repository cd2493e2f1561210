"""
Following a link or sending a form in the browser, and waiting for the page it leads to.

Playwright's click returns once the next page has started to arrive, not once it is there:
a read straight afterwards (the page's HTML, its address, a list of links) can see the new
document half built. CI once read an empty page that way after following a link. Every
click that leads to another page, followed by a read that does not wait by itself, goes
through here.
"""


def follow(page, target):
    """Click `target` (a selector or a locator) and return when the next page has loaded."""
    with page.expect_navigation():
        if isinstance(target, str):
            page.click(target)
        else:
            target.click()
