from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Discussion threads for the Youth Forum and the Civil Society Platform."""

    name = "forums"
    verbose_name = _("Discussions")

    def ready(self):
        from forums import tasks  # noqa: F401 - connects the post_published receiver
        from forums.access import can_see_post
        from forums.models import ModerationVerb, Post
        from forums.sections import active_threads, watched_threads
        from portal.audit import register_verbs
        from portal.dashboard import register_dashboard_slot
        from portal.permissions import register_visibility_rule
        from portal.sections import register_home_section

        register_home_section("discussions", active_threads, more_url="/forums/")
        # A notification about a post is shown only while its reader may see the post.
        register_visibility_rule(
            Post,
            can_see_post,
            queryset=lambda: Post.objects.select_related("thread__forum").prefetch_related(
                "thread__forum__allowed_groups"
            ),
        )
        register_dashboard_slot("threads", watched_threads)
        register_verbs(
            ModerationVerb,
            hidden_from_subject=[ModerationVerb.DISMISS],
            private_detail=[verb for verb in ModerationVerb if verb != ModerationVerb.DISMISS],
        )

        from forums.waiting import open_flags, open_safeguarding_cases
        from portal.staff_work import register_staff_queue

        register_staff_queue("flags", _("Flags to review"), open_flags, order=60)
        register_staff_queue(
            "safeguarding", _("Safeguarding cases"), open_safeguarding_cases, order=5
        )
