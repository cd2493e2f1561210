"""Demo forums: the Youth Forum, the CSO Platform and a public General forum, with threads."""

from forums import actions
from forums.models import Forum, Thread
from portal.models import AccessLevel, StakeholderGroup, User
from portal.permissions import viewer_for_user

FORUMS = [
    # slug, name, description, access level, groups, pre-moderation
    (
        "youth-forum",
        "COMMIT Youth Forum",
        "Youth delegates plan prevention campaigns. Members appear by their pseudonyms.",
        AccessLevel.GROUPS,
        ["Youth delegates"],
        True,
    ),
    (
        "cso-platform",
        "Civil Society Platform",
        "CSOs coordinate their input to SPA IV between meetings.",
        AccessLevel.GROUPS,
        ["CSO members"],
        False,
    ),
    (
        "general",
        "General discussion",
        "Open to read for everyone; approved members can post.",
        AccessLevel.PUBLIC,
        [],
        False,
    ),
]

THREADS = [
    # forum slug, author email, title, body, tags, replies (email, text)
    (
        "youth-forum",
        "youth@example.org",
        "Safe migration campaign for World Day against Trafficking",
        "Ideas for a **social media campaign** on safe migration routes to Thailand: short "
        "videos in Lao, Khmer and Burmese, and where to find help before leaving home.",
        ["prevention", "safe migration", "youth"],
        [("moderator@example.org", "Great start. Please keep personal stories anonymous.")],
    ),
    (
        "cso-platform",
        "cso@example.org",
        "SPA IV consultation: our input on victim protection",
        "Draft points for the consultation on the **victim protection** area:\n\n"
        "- national referral mechanisms for men and boys\n"
        "- shelters that let survivors work\n"
        "- follow-up after return",
        ["SPA IV", "consultation", "victim protection"],
        [],
    ),
    (
        "general",
        "cso@example.org",
        "Recruitment fees and debt bondage in fishing",
        "Which research from the library do you use when talking about recruitment fees "
        "in the fishing sector?",
        ["fishing", "research"],
        [],
    ),
]


def seed(command) -> None:
    for slug, name, description, access_level, groups, premoderate in FORUMS:
        forum = Forum.objects.filter(slug=slug).first()
        if forum is None:
            forum = Forum(slug=slug)
        forum.name = name
        forum.description = description
        forum.access_level = access_level
        forum.premoderate_new_members = premoderate
        forum.save()
        forum.allowed_groups.set(StakeholderGroup.objects.filter(name__in=groups))
        forum.save()

    for slug, email, title, body, tags, replies in THREADS:
        forum = Forum.objects.get(slug=slug)
        if Thread.objects.filter(forum=forum, title=title).exists():
            continue
        author = User.objects.get(email=email)
        # Demo content is the secretariat's showcase: it is not held for pre-moderation.
        viewer = viewer_for_user(author, mfa_ok=True)
        premoderate, forum.premoderate_new_members = forum.premoderate_new_members, False
        thread = actions.do_create_thread(viewer, forum, title=title, body=body, tags=tags)
        for reply_email, text in replies:
            replier = viewer_for_user(User.objects.get(email=reply_email), mfa_ok=True)
            actions.do_create_post(replier, thread, body=text)
        forum.premoderate_new_members = premoderate
        command.stdout.write(f"  created thread “{title}”")
