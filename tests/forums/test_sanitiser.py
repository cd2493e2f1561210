"""Posts are Markdown rendered through an allow-list: script and HTML payloads are inert."""

import pytest

from forums import actions
from forums.rendering import render_markdown
from tests.forums.conftest import signed_in_client, viewer

XSS_VECTORS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
]


@pytest.mark.parametrize("payload", XSS_VECTORS)
def test_script_and_html_payloads_are_rendered_inert(payload):
    html = render_markdown(payload).lower()

    assert "<script" not in html
    assert "onerror" not in html
    assert "onload" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert "<svg" not in html
    assert "style=" not in html


def test_markdown_formatting_survives():
    html = render_markdown("**bold** and [a link](https://example.org)\n\n> quoted")

    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert "<blockquote>" in html


def test_a_script_in_a_post_and_title_is_not_executable_on_the_thread_page(forums, people):
    thread = actions.do_create_thread(
        viewer(people.cso),
        forums.cso,
        title="<script>alert('title')</script>",
        body="Hello <script>alert('body')</script>",
    )

    page = signed_in_client(people.cso).get(thread.get_absolute_url()).content.decode()

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)" in page
