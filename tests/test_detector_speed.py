"""The contact and duration detectors do no work a result does not need (their results are pinned
by tests/test_contacts.py and tests/test_durations.py)."""

from __future__ import annotations

import subprocess
import sys

from privcheck.contacts import ChannelKind, find_contact_channels


def _loaded_after(code: str) -> set[str]:
    """The validator modules loaded once `code` has run in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(m for m in ('phonenumbers', 'email_validator') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    return set(done.stdout.split())


def test_the_validators_are_imported_only_for_a_candidate():
    setup = "from privcheck.contacts import find_contact_channels as find\n"
    assert _loaded_after(setup + "find('we keep your data safe. 我们保护你的信息。')") == set()
    assert _loaded_after(setup + "find('write to privacy@shop.de')") == {"email_validator"}
    assert _loaded_after(setup + "find('call 010-62345678')") == {"phonenumbers"}


def test_channels_found_after_the_validators_load_lazily():
    text = "email privacy@shop.de or call 010-62345678 (设置 > 隐私 > 联系我们)"
    kinds = [c.kind for c in find_contact_channels(text)]
    assert ChannelKind.EMAIL in kinds and ChannelKind.PHONE in kinds
