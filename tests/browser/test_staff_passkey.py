"""A member of staff registers a passkey as their second factor, then signs in with the
password and the passkey, outside demo mode. The browser is Chromium with a virtual
authenticator (DevTools protocol: WebAuthn.enable, WebAuthn.addVirtualAuthenticator), a
platform authenticator that verifies the user and answers at once."""

import re

import pytest
from django.contrib.auth.models import Group
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from accounts.models import User
from backoffice.groups import staff_groups_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "Back-Office-Solide-2026"


@pytest.fixture
def staff(settings, live_server):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    # Passkeys are bound to the host name; the live server's origin is the allowed one.
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    staff_groups_ensure()
    user = User.objects.create_user(
        "dominique@vendeur.example", password=STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="SAV"))
    return user


def virtual_authenticator(context, page) -> dict:
    """A platform authenticator (like a laptop's fingerprint reader) on this page."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return {"cdp": cdp, "id": authenticator["authenticatorId"]}


def sign_in(page, user):
    page.goto("/admin/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("input[type=submit]").click()


def test_staff_registers_a_passkey_and_signs_in_with_it(new_context, staff, live_server):
    context = new_context(base_url=live_server.url)
    page = context.new_page()
    authenticator = virtual_authenticator(context, page)

    # First sign-in: no second factor yet, so only the enrolment page opens.
    sign_in(page, staff)
    expect(page).to_have_url(re.compile(r"/admin/securite/activer/"))
    page.screenshot(path="/tmp/staff_passkey_enrol.png", full_page=True)
    page.get_by_role("button", name="Enregistrer une clé d'accès").click()
    # Registered: the session is verified by the new passkey and the admin opens.
    expect(page).to_have_url(re.compile(r"/admin/$"))
    credential = WebAuthnCredential.objects.get(user=staff)
    stored = authenticator["cdp"].send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator["id"]}
    )["credentials"]
    assert len(stored) == 1
    assert stored[0]["rpId"] == "localhost"
    assert stored[0]["signCount"] == 1

    # Sign out, then in again: the password alone opens nothing, the passkey does.
    page.context.clear_cookies()
    sign_in(page, staff)
    expect(page).to_have_url(re.compile(r"/admin/securite/verifier/"))
    page.screenshot(path="/tmp/staff_passkey_verify.png", full_page=True)
    page.get_by_role("button", name="Utiliser ma clé d'accès").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#site-name")).to_contain_text("Back-office")

    credential.refresh_from_db()
    assert credential.sign_count == 2  # the authenticator's counter, checked by the server
    assert credential.last_used_at is not None
