"""Copy every ModerationAction into the one audit trail (portal.AuditEvent), then drop it."""

from django.db import migrations

VERBS = {
    "approve": "post.approved",
    "hide": "post.hidden",
    "restore": "post.restored",
    "lock": "thread.locked",
    "unlock": "thread.unlocked",
    "warn": "member.warned",
    "suspend": "member.suspended",
    "dismiss": "flag.dismissed",
    "delete": "post.deleted",
}


def copy_moderation_actions(apps, schema_editor):
    ModerationAction = apps.get_model("forums", "ModerationAction")
    AuditEvent = apps.get_model("portal", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    post_type, _created = ContentType.objects.get_or_create(app_label="forums", model="post")
    thread_type, _created = ContentType.objects.get_or_create(app_label="forums", model="thread")
    actions = list(ModerationAction.objects.select_related("thread").order_by("pk"))
    events = []
    for action in actions:
        # The target is the post when there is one (as `forums.actions` records it now),
        # else the thread; the label is what Post and Thread print.
        if action.post_id is not None:
            target_type, target_id = post_type, action.post_id
            label = f"#{action.post_id} in {action.thread_id}"
        elif action.thread_id is not None:
            target_type, target_id = thread_type, action.thread_id
            label = action.thread.title
        else:
            target_type, target_id, label = None, "", ""
        events.append(
            AuditEvent(
                actor_id=action.actor_id,
                verb=VERBS.get(action.kind, action.kind),
                target_type=target_type,
                target_id=str(target_id),
                target_label=label[:255],
                subject_id=action.member_id,
                changes={"thread": action.thread_id}
                if action.post_id and action.thread_id
                else {},
                reason=action.reason,
            )
        )
    events = AuditEvent.objects.bulk_create(events)
    # `at` is auto_now_add, so bulk_create stamped today: put back the original times.
    for event, action in zip(events, actions, strict=True):
        event.at = action.created_at
    AuditEvent.objects.bulk_update(events, ["at"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('forums', '0003_close_flags_of_deleted_posts'),
        ('portal', '0007_audit_event'),
    ]

    operations = [
        migrations.RunPython(copy_moderation_actions, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='ModerationAction',
        ),
    ]
