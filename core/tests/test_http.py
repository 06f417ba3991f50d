from django.test import RequestFactory

from core.http import client_ip


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_socket_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.2"


def test_behind_one_proxy_the_last_forwarded_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged "6.6.6.6"; the proxy appended the address it saw, 203.0.113.9.
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}
    assert client_ip(request(**meta)) == "203.0.113.9"


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    meta = {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9, 10.0.0.2"}
    assert client_ip(request(**meta)) == "203.0.113.9"


def test_a_missing_header_falls_back_to_the_socket_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
