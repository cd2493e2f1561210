import io

import pytest
from django.core.management.base import BaseCommand

from home import demo as home_demo
from portal import demo as portal_demo
from portal.models import StakeholderGroup, User


@pytest.fixture
def portal_demo_data(db):
    """Countries, organisations, groups and the demo accounts, without other apps' content."""
    command = BaseCommand(stdout=io.StringIO())
    home_demo.seed(command)
    portal_demo.seed(command)


@pytest.fixture
def group(portal_demo_data):
    def get(name):
        return StakeholderGroup.objects.get(name=name)

    return get


@pytest.fixture
def demo_user(portal_demo_data):
    def get(email):
        return User.objects.get(email=email)

    return get
