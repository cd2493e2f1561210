"""
An announcement run again (its task worker was killed mid-task and the task went back to
the queue, portal/task_workers.py) tells nobody twice: no second notification, no second
email.
"""

from django.core import mail

from forums import actions, tasks
from portal.models import Notification, NotificationFrequency
from tests.forums.conftest import viewer


def test_an_announcement_run_again_tells_nobody_twice(
    forums, people, django_capture_on_commit_callbacks
):
    people.youth.notification_frequency = NotificationFrequency.IMMEDIATELY
    people.youth.save()
    thread = actions.do_create_thread(
        viewer(people.cso), forums.general, title="Recruitment fees", body="Opening"
    )
    actions.do_watch_thread(viewer(people.youth_friend), thread)
    with django_capture_on_commit_callbacks(execute=True):
        post = actions.do_create_post(
            viewer(people.cso), thread, body="@MekongDreamer what do you think?"
        )
    told = sorted(Notification.objects.values_list("user__display_name", "kind"))
    emails = [message.to for message in mail.outbox]

    with django_capture_on_commit_callbacks(execute=True):
        tasks.announce_published_post.call(post.pk)

    assert told == [("Dara Sok", "forums.reply"), ("Linh Nguyen", "forums.mention")]
    assert sorted(Notification.objects.values_list("user__display_name", "kind")) == told
    assert emails == [[people.youth.email]]
    assert [message.to for message in mail.outbox] == emails
