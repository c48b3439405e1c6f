import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial.groups import APPROVER, EDITOR


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real seeded content, loaded once per test run; each test runs in a
    transaction on top of it and is rolled back."""
    from seedcontent.loader import load_all

    with django_db_blocker.unblock():
        load_all()


def _user(username, group=None, superuser=False):
    user = get_user_model().objects.create_user(
        username=username, password="pw", is_staff=superuser, is_superuser=superuser
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _user("editor", EDITOR)


@pytest.fixture
def approver(db):
    return _user("approver", APPROVER)


@pytest.fixture
def superuser(db):
    return _user("admin", superuser=True)
