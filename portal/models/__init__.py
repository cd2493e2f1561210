"""Portal models: accounts, organisations, stakeholder groups, audit and notifications."""

from portal.models.access import AccessControlled, AccessLevel
from portal.models.audit import AuditEvent
from portal.models.membership import Invitation, Membership, Role, StakeholderGroup
from portal.models.notifications import Notification
from portal.models.organisations import Country, Organisation
from portal.models.task_workers import TaskWorker
from portal.models.users import EmailUserManager, NotificationFrequency, User

__all__ = [
    "AccessControlled",
    "AccessLevel",
    "AuditEvent",
    "Country",
    "EmailUserManager",
    "Invitation",
    "Membership",
    "Notification",
    "NotificationFrequency",
    "Organisation",
    "Role",
    "StakeholderGroup",
    "TaskWorker",
    "User",
]
