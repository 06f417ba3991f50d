"""Staff for the back-office tests: a member of a staff group, the work queues their dashboard
shows, and enrolment in the second factor with real TOTP codes (RFC 6238, computed by
django_otp.oath.totp from the device's secret at a frozen time)."""

import html
import re
from datetime import UTC, datetime

import time_machine
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import UserFactory


def member(group_name: str):
    """A staff user in the group named `group_name`."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def queues_on_dashboard(client, user) -> dict[str, tuple[int, str]]:
    """The work queues on `user`'s dashboard: title -> (count, link to the filtered list)."""
    client.force_login(user)
    page = html.unescape(client.get("/admin/").content.decode())
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td class="backoffice-count">'
        r"<a [^>]*>(\d+)</a>",
        page,
    )
    return {title: (int(count), url) for url, title, count in rows}


T0 = datetime(2026, 11, 30, 9, 0, 0, tzinfo=UTC)
ENROL = "/admin/securite/activer/"


def code(device: TOTPDevice, at: datetime) -> str:
    """The code an authenticator application shows at `at` (30-second steps, 6 digits)."""
    with time_machine.travel(at, tick=False):
        return f"{totp(device.bin_key, step=30, t0=0, digits=6, drift=0):06d}"


def enrol(client, user, at=T0) -> list[str]:
    """Sign in, open the enrolment page and confirm with the application's code."""
    client.force_login(user)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"token": code(device, at), "next": "/admin/"})
    assert response.status_code == 200
    return response.context["codes"]
