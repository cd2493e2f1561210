"""
Signals the forums' actions send for work that happens elsewhere.

`post_published` (with `post_id`) is sent inside the transaction that publishes a post.
The actions cannot call `forums.tasks` directly, because the tasks call the actions;
the tasks module connects its receiver instead (imported by `ForumsConfig.ready()`).
"""

from django.dispatch import Signal

post_published = Signal()
