"""Copy every MeetingAuditEntry into the one audit trail (portal.AuditEvent), then drop it."""

from django.db import migrations

# The old verb "registration" became "registration.answered"; the others are unchanged.
RENAMED_VERBS = {"registration": "registration.answered"}


def copy_meeting_entries(apps, schema_editor):
    MeetingAuditEntry = apps.get_model("meetings", "MeetingAuditEntry")
    AuditEvent = apps.get_model("portal", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    meeting_type, _created = ContentType.objects.get_or_create(
        app_label="meetings", model="meetingpage"
    )
    entries = list(MeetingAuditEntry.objects.select_related("meeting").order_by("pk"))
    events = AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_id=entry.actor_id,
            verb=RENAMED_VERBS.get(entry.action, entry.action),
            target_type=meeting_type,
            target_id=str(entry.meeting_id),
            target_label=entry.meeting.title[:255],
            changes={"detail": entry.detail} if entry.detail else {},
        )
        for entry in entries
    )
    # `at` is auto_now_add, so bulk_create stamped today: put back the original times.
    for event, entry in zip(events, entries, strict=True):
        event.at = entry.at
    AuditEvent.objects.bulk_update(events, ["at"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('meetings', '0005_decision_public'),
        ('portal', '0007_audit_event'),
    ]

    operations = [
        migrations.RunPython(copy_meeting_entries, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='MeetingAuditEntry',
        ),
    ]
