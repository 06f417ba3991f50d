"""Staff second factor, with real TOTP codes (RFC 6238, computed by django_otp.oath.totp
from the device's secret at the test's frozen time), recovery codes, re-authentication
and the idle timeout."""

import html
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import PASSWORD, UserFactory
from backoffice.tests.staff import ENROL, T0, code, enrol
from core.models import AuditEvent

VERIFY = "/admin/securite/verifier/"
CONFIRM = "/admin/securite/confirmer/"


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def staff(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Service commercial"))
    return user


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/orders/quote/", "/admin/accounts/company/", "/admin/password_change/"],
)
def test_a_staff_member_without_second_factor_reaches_no_admin_page(client, staff, url):
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL + "?next=")


def test_demo_mode_lets_staff_in_with_the_password_alone(client, staff, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_customers_pages_are_not_gated(client, staff):
    client.force_login(staff)
    assert client.get("/").status_code == 200


@time_machine.travel(T0, tick=False)
def test_enrolment_with_a_real_totp_code_opens_the_admin(client, staff):
    client.force_login(staff)
    page = client.get(ENROL)
    assert page.status_code == 200
    assert page.context["qr_code"].startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert "issuer=Back-office" in device.config_url

    wrong = client.post(ENROL, {"token": "000000" if code(device, T0) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Ce code n'est pas valide." in text(wrong)
    assert client.get("/admin/").status_code == 302

    done = client.post(ENROL, {"token": code(device, T0), "next": "/admin/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    event = AuditEvent.objects.get(object_id=str(staff.pk), field="second_factor")
    assert (event.to_state, event.actor_user) == ("totp", staff)


def test_an_enrolled_member_proves_the_code_in_each_new_session(client, staff):
    with time_machine.travel(T0, tick=False):
        enrol(client, staff)
    device = TOTPDevice.objects.get(user=staff, confirmed=True)
    later = T0 + timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        client.logout()
        client.force_login(staff)
        response = client.get("/admin/orders/quote/")
        assert response.status_code == 302
        assert response["Location"] == VERIFY + "?next=%2Fadmin%2Forders%2Fquote%2F"
        # the enrolment page does not let an enrolled member skip the proof
        assert client.get(ENROL)["Location"].startswith(VERIFY)
        # a code of ten minutes ago is refused (the application's window is 30 s, ±1 step)
        stale = client.post(VERIFY, {"token": code(device, later - timedelta(minutes=10))})
        assert "Ce code n'est pas valide." in text(stale)
        device.refresh_from_db()
        device.throttling_failure_count = 0  # the refused code above throttled the device
        device.throttling_failure_timestamp = None
        device.save()
        proved = client.post(VERIFY, {"token": code(device, later), "next": "/admin/orders/quote/"})
        assert proved.status_code == 302 and proved["Location"] == "/admin/orders/quote/"
        assert client.get("/admin/orders/quote/").status_code == 200


def test_a_recovery_code_works_once(client, staff):
    with time_machine.travel(T0, tick=False):
        codes = enrol(client, staff)
    for attempt, expected in ((1, 302), (2, 200)):
        client.logout()
        client.force_login(staff)
        response = client.post(VERIFY, {"token": codes[0], "next": "/admin/"})
        assert response.status_code == expected, attempt
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def test_replacing_the_application_needs_the_password_again(client, staff):
    with time_machine.travel(T0, tick=False):
        enrol(client, staff)
    old = TOTPDevice.objects.get(user=staff, confirmed=True)
    later = T0 + timedelta(minutes=3)
    with time_machine.travel(later, tick=False):
        response = client.get(ENROL)
        assert response.status_code == 302 and response["Location"].startswith(CONFIRM)
        refused = client.post(CONFIRM, {"password": "not-my-password", "next": ENROL})
        assert "Ce mot de passe n'est pas le vôtre." in text(refused)
        confirmed = client.post(CONFIRM, {"password": PASSWORD, "next": ENROL})
        assert confirmed["Location"] == ENROL
        assert client.get(ENROL).status_code == 200
        new = TOTPDevice.objects.get(user=staff, confirmed=False)
        assert client.post(ENROL, {"token": code(new, later)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=staff)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_new_recovery_codes_need_the_password_again(client, staff):
    with time_machine.travel(T0, tick=False):
        old_codes = enrol(client, staff)
    with time_machine.travel(T0 + timedelta(minutes=6), tick=False):
        # the enrolment's own confirmation is not a re-authentication
        refused = client.post("/admin/securite/")
        assert refused.status_code == 302 and refused["Location"].startswith(CONFIRM)
        client.post(CONFIRM, {"password": PASSWORD, "next": "/admin/securite/"})
        new_codes = client.post("/admin/securite/").context["codes"]
    with time_machine.travel(T0 + timedelta(minutes=12), tick=False):
        # five minutes later the confirmation has lapsed
        assert client.post("/admin/securite/")["Location"].startswith(CONFIRM)
    assert set(new_codes).isdisjoint(old_codes)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new_codes)


def test_changing_an_e_mail_address_needs_the_password_again(client, staff, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    staff.is_superuser = True
    staff.save()
    colleague = UserFactory(is_staff=True, email="ancienne@vendeur.example")
    client.force_login(staff)
    url = f"/admin/accounts/user/{colleague.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"password", "groups", "user_permissions"}
    }
    data.update(email="nouvelle@vendeur.example", language=colleague.language or "fr")
    data.update({"date_joined_0": "01/01/2026", "date_joined_1": "09:00:00"})
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Pour changer l'adresse e-mail," in text(refused)
    assert 'value="nouvelle@vendeur.example"' in text(refused)  # what was typed stays
    colleague.refresh_from_db()
    assert colleague.email == "ancienne@vendeur.example"

    client.post(CONFIRM, {"password": PASSWORD})
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    colleague.refresh_from_db()
    assert colleague.email == "nouvelle@vendeur.example"


def test_an_idle_staff_session_is_closed(client, staff, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    with time_machine.travel(T0, tick=False):
        client.force_login(staff)
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(T0 + timedelta(minutes=29), tick=False):
        assert client.get("/admin/").status_code == 200  # activity renews the session
    with time_machine.travel(T0 + timedelta(minutes=58), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(T0 + timedelta(minutes=88, seconds=1), tick=False):
        response = client.get("/admin/orders/quote/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=/admin/orders/quote/"
        assert client.get("/admin/").status_code == 302  # signed out


def test_the_admin_login_is_throttled_like_the_portal_one(client, staff):
    """django-axes: the 5th failed password locks (HTTP 429); the right one is then refused."""
    statuses = [
        client.post(
            "/admin/login/", {"username": staff.email, "password": f"wrong-{n}"}
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert (
        client.post("/admin/login/", {"username": staff.email, "password": PASSWORD}).status_code
        == 429
    )
    assert "_auth_user_id" not in client.session


def test_the_throttled_code_is_refused_even_when_right(client, staff):
    """Each wrong code doubles the device's wait (django-otp throttling): guessing six digits
    is not possible, even with the right code typed during the wait."""
    with time_machine.travel(T0, tick=False):
        enrol(client, staff)
    device = TOTPDevice.objects.get(user=staff, confirmed=True)
    later = T0 + timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        client.logout()
        client.force_login(staff)
        right = code(device, later)
        wrong = "000000" if right != "000000" else "111111"
        for _attempt in range(3):
            client.post(VERIFY, {"token": wrong})
        refused = client.post(VERIFY, {"token": right, "next": "/admin/"})
        assert refused.status_code == 200 and "Ce code n'est pas valide." in text(refused)


def test_signing_in_again_after_an_idle_period_is_not_undone(client, staff, settings):
    """Django keeps a session's data when the same person signs in again: the new sign-in
    counts as activity, so the idle check does not sign them out at once."""
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    with time_machine.travel(T0, tick=False):
        client.force_login(staff)
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
        assert client.get("/admin/").status_code == 200
