"""Online settings (configuration, environment, flags) and the address guard."""

from __future__ import annotations

import pickle
import socket
import sys
from pathlib import Path

import pytest

from provenance import Options, check_text, online
from provenance.config import ConfigError, load_config, make_options
from provenance.online import OnlineSettings, enable, settings_of
from provenance.online.guard import Refused, check_url, public_address
from provenance.online.settings import ENDPOINTS, default_cache_dir, env_name, validate

pytestmark = pytest.mark.usefixtures("online_isolated")


def test_the_online_table_is_read_from_pyproject(tmp_path):
    """[tool.provenance.online] keys become the online settings; they do not turn verification on."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.provenance.online]\n"
        'oembed-x = "https://mirror.example/oembed"\ntimeout = 2.5\nretries = 0\nper-host = 4\n'
        'cache = false\narchives = false\ncache-dir = "cache"\n', encoding="utf-8")
    options = make_options(load_config(start=tmp_path))
    settings = options.sections["online"]
    assert isinstance(settings, OnlineSettings) and not settings.enabled and settings_of(options) is None
    assert settings.endpoint("oembed-x") == "https://mirror.example/oembed"
    assert (settings.timeout, settings.retries, settings.per_host) == (2.5, 0, 4)
    assert (settings.cache, settings.archives, settings.cache_dir) == (False, False, "cache")
    assert settings.endpoint("oembed-youtube") == ENDPOINTS["oembed-youtube"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"colour": 1}, "online.colour: unknown key (known: "),
        ({"timeout": "5"}, "online.timeout: expected a number, got '5'"),
        ({"timeout": 0}, "online.timeout: 0 is below 0.001"),
        ({"timeout": True}, "online.timeout: expected a number"),
        ({"retries": 1.5}, "online.retries: expected an integer"),
        ({"retries": -1}, "online.retries: -1 is below 0"),
        ({"per-host": 0}, "online.per-host: 0 is below 1"),
        ({"timeout": 1e10}, "online.timeout: 10000000000.0 is above 86400"),
        ({"retries": 1000}, "online.retries: 1000 is above 100"),
        ({"cache": "yes"}, "online.cache: expected true or false"),
        ({"cache-dir": ""}, "online.cache-dir: expected a folder name"),
        ({"oembed-x": "ftp://mirror.example/oembed"}, "is not an absolute http or https URL"),
        ({"oembed-x": "mirror.example/oembed"}, "is not an absolute http or https URL"),
        ({"oembed-x": "https://user:secret@mirror.example/"}, "carries credentials; provenance never sends any"),
        ({"oembed-x": "https://mirror.example/{server}"}, "only oembed-mastodon takes {server}"),
        ({"oembed-mastodon": "https://{host}/api/oembed"}, "the only placeholder is {server}"),
        ({"wayback-cdx": "https://archive.example:99999/cdx"}, "is not a valid URL"),
        ({"wayback-cdx": 3}, "expected a URL such as https://web.archive.org/cdx/search/cdx"),
    ],
)
def test_every_online_key_is_validated(table, message):
    """A bad key or value in the online table is a one-line error naming the key."""
    with pytest.raises(ConfigError) as caught:
        validate(table, "online")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_bad_online_key_in_a_file_names_the_file(tmp_path):
    """The loader reports a bad online key with the file's name and the dotted key."""
    (tmp_path / ".provenance.toml").write_text("[online]\nretries = -2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.provenance\.toml: online\.retries: -2 is below 0"):
        load_config(start=tmp_path)


def test_the_environment_overrides_the_file_and_flags_override_both(tmp_path):
    """PROVENANCE_* variables win over the configuration; --cache-dir and --no-cache win over both."""
    configured = OnlineSettings(endpoints=(("oembed-x", "https://file.example/oembed"),), cache_dir="from-file")
    options = Options(sections={"online": configured})
    environ = {"PROVENANCE_OEMBED_X": "http://127.0.0.1:9/oembed", "PROVENANCE_CACHE_DIR": str(tmp_path / "env")}
    settings = settings_of(enable(options, environ=environ))
    assert settings is not None and settings.enabled
    assert settings.endpoint("oembed-x") == "http://127.0.0.1:9/oembed"
    assert settings.cache_path() == tmp_path / "env" and settings.cache
    flagged = settings_of(enable(options, environ=environ, cache=False, cache_dir=str(tmp_path / "flag")))
    assert flagged is not None and flagged.cache_path() == tmp_path / "flag" and not flagged.cache


def test_a_bad_environment_variable_names_itself():
    """A malformed endpoint in the environment is a one-line error naming the variable."""
    with pytest.raises(ConfigError, match=r"^PROVENANCE_WAYBACK_CDX: 'file:///etc/passwd' is not an absolute http"):
        enable(Options(), environ={"PROVENANCE_WAYBACK_CDX": "file:///etc/passwd"})


def test_only_configured_hosts_are_trusted():
    """The hosts of configured endpoints may be local; the public defaults and a {server} template add none."""
    environ = {env_name("oembed-x"): "http://127.0.0.1:8080/x", env_name("shortlink-tco"): "http://LocalHost:81",
               env_name("oembed-mastodon"): "https://{server}/api/oembed"}
    settings = settings_of(enable(Options(), environ=environ))
    assert settings is not None and settings.trusted_hosts == frozenset({"127.0.0.1", "localhost"})
    default = settings_of(enable(Options(), environ={}))
    assert default is not None and default.trusted_hosts == frozenset()


def test_the_default_cache_dir_follows_xdg(tmp_path):
    """The cache lives in $XDG_CACHE_HOME/provenance when that is absolute, else ~/.cache/provenance."""
    assert default_cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "provenance"
    assert default_cache_dir({"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache" / "provenance"
    assert default_cache_dir({}) == Path.home() / ".cache" / "provenance"


def test_settings_survive_pickling():
    """Settings travel to the audit's worker processes inside Options."""
    options = enable(Options(), environ={env_name("oembed-x"): "http://127.0.0.1:1/x"})
    assert pickle.loads(pickle.dumps(options)) == options


def test_offline_options_never_verify(monkeypatch):
    """verify_online returns the citations untouched, and loads no HTTP code, when not online."""
    embed = ('<blockquote class="twitter-tweet"><p>Hi.</p>&mdash; Jeremy Corbyn (@jeremycorbyn) <a href="'
             'https://twitter.com/jeremycorbyn/status/938406524728291328">December 6, 2017</a></blockquote>\n')
    citations = check_text(embed, "a.html", "html", Options()).citations
    assert len(citations) == 1 and citations[0].verification is None
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "provenance.online.verify", None)  # importing the HTTP side now fails
        with pytest.raises(ImportError):  # as it would if verification were on
            online.verify_online(citations, enable(Options(), environ={}))
        for options in (Options(), Options(sections={"online": OnlineSettings()})):
            verified = online.verify_online(citations, options)
            assert verified == citations and verified[0].verification is None


# --- the address guard -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2606:4700:4700::1111", True), ("127.0.0.1", False), ("10.1.2.3", False),
     ("192.168.0.1", False), ("172.16.5.4", False), ("169.254.169.254", False), ("100.64.0.1", False),
     ("0.0.0.0", False), ("::1", False), ("fe80::1%eth0", False), ("fd00::1", False), ("::ffff:127.0.0.1", False),
     ("224.0.0.1", False), ("not an address", False)],
)
def test_public_addresses(address, public):
    """Only globally routable unicast addresses are public; IPv4-mapped IPv6 is read as IPv4."""
    assert public_address(address) is public


def fake_resolver(answers: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers[host]

    return resolve


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/x", "is not an http or https URL"),
        ("https://user:pw@example.com/x", "carries credentials"),
        ("https:///x", "names no host"),
        ("https://example.com:70000/x", "is not a valid URL"),
        ("https://rebind.example/x", "rebind.example is a private or local address (10.0.0.1)"),
        ("https://mixed.example/x", "mixed.example is a private or local address (127.0.0.1)"),
        ("https://nowhere.example/x", "cannot resolve nowhere.example (Name or service not known)"),
        ("http://[::1]:8080/x", "::1 is a private or local address"),
    ],
)
def test_the_guard_refuses(url, message):
    """Non-http URLs, credentials and names that resolve to any private address are refused."""
    resolver = fake_resolver({"rebind.example": ["10.0.0.1"], "mixed.example": ["93.184.216.34", "127.0.0.1"]})
    with pytest.raises(Refused) as caught:
        check_url(url, (), resolver)
    assert message in str(caught.value)


def test_the_guard_lets_public_and_trusted_hosts_through():
    """A name that resolves to public addresses only, and a configured local host, pass."""
    resolver = fake_resolver({"example.com": ["93.184.216.34"]})
    check_url("https://example.com/x", (), resolver)
    check_url("http://127.0.0.1:8080/x", {"127.0.0.1"}, resolver)
    check_url("http://LOCALHOST./x", {"localhost"}, resolver)
