"""The secretariat types the deadline as wall-clock time where the consultation runs."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from consultations.models import ConsultationPage


def _form(page, data=None, user=None):
    form_class = ConsultationPage.get_edit_handler().get_form_class()
    return form_class(data, instance=page, for_user=user, parent_page=page.get_parent())


def _data(form, **changes):
    """What the admin form posts when nothing but `changes` is edited."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            continue
        data[name] = value
    for prefix in form.formsets:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    data.update(changes)
    return data


@pytest.mark.parametrize("server_zone", ["Asia/Bangkok", "UTC", "America/Los_Angeles"])
def test_a_deadline_typed_as_2359_in_yangon_is_2359_in_yangon(world, people, settings, server_zone):
    settings.TIME_ZONE = server_zone
    timezone.deactivate()
    page = ConsultationPage.objects.get(pk=world.consultation.pk)
    blank = _form(page, user=people.secretariat)
    form = _form(
        page,
        _data(
            blank,
            opens_at="2027-03-01 09:00",
            closes_at="2027-03-15 23:59",
            time_zone="Asia/Yangon",
        ),
        user=people.secretariat,
    )
    assert form.is_valid(), form.errors
    saved = form.save(commit=False)
    assert saved.closes_at == datetime(2027, 3, 15, 17, 29, tzinfo=UTC)
    assert saved.opens_at == datetime(2027, 3, 1, 2, 30, tzinfo=UTC)


def test_the_form_shows_the_stored_times_in_the_consultations_zone(world, people, settings):
    settings.TIME_ZONE = "UTC"
    timezone.deactivate()
    page = ConsultationPage.objects.get(pk=world.consultation.pk)
    page.time_zone = "Asia/Yangon"
    page.closes_at = datetime(2027, 3, 15, 17, 29, tzinfo=UTC)
    form = _form(page, user=people.secretariat)
    assert "2027-03-15 23:59" in str(form["closes_at"])
