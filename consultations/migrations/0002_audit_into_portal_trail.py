"""Copy every ConsultationAuditEntry into the one audit trail (portal.AuditEvent), then drop it."""

from django.db import migrations


def copy_consultation_entries(apps, schema_editor):
    ConsultationAuditEntry = apps.get_model("consultations", "ConsultationAuditEntry")
    AuditEvent = apps.get_model("portal", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    consultation_type, _created = ContentType.objects.get_or_create(
        app_label="consultations", model="consultationpage"
    )
    entries = list(ConsultationAuditEntry.objects.select_related("consultation").order_by("pk"))
    # The old rows name the consultation and describe the object (a submission, a comment)
    # as text: the consultation becomes the target, the description its label.
    events = AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_id=entry.actor_id,
            verb=entry.action,
            target_type=consultation_type,
            target_id=str(entry.consultation_id),
            target_label=(entry.target or entry.consultation.title)[:255],
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
        ('consultations', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('portal', '0007_audit_event'),
    ]

    operations = [
        migrations.RunPython(copy_consultation_entries, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='ConsultationAuditEntry',
        ),
    ]
