"""`contact`: a concrete, usable contact channel.

    contact: {}                                   # any kind
    contact:
      kinds: [email, phone, url, address]         # email | phone | url | address | app_path
      near: [help, feedback, 客服, 反馈]           # optional: only channels close to these phrases
      within: 80                                  # with `near`: sentence | paragraph | N | "N words"

Emails are checked by email-validator (also those written to fool harvesters: "dpo [at] x [dot]
eu", "dpo at x dot eu", "dpo#x.cn" with an instruction to swap # for @) and phone numbers by
phonenumbers (mainland mobiles, landlines, 400/800 hotlines, +86 and international numbers); URLs,
Chinese and English postal addresses and in-app menu paths ("我的-设置-帮助与反馈", "Settings >
Privacy") are recognised by pattern. Placeholders (privacy@example.com, 400-XXX-XXXX, [company address]) and empty labels
("email:" followed by nothing) are not channels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privcheck.detectors.contacts import ChannelKind, ContactChannel, find_contact_channels
from privcheck.matchers.base import CompileContext, Hit, Matcher, MatcherKind, Outcome, TextView
from privcheck.matchers.near import HitIndex, parse_within
from privcheck.matchers.phrases import PhrasesMatcher

if TYPE_CHECKING:
    from privcheck.matchers.options import ContactSpec


def document_channels(view: TextView) -> list[ContactChannel]:
    return view.memo("contact-channels", lambda: find_contact_channels(view.text))


class ContactMatcher(Matcher):
    kind = "contact"

    def __init__(self, kinds: set[ChannelKind], near: PhrasesMatcher | None, scope: str, size: int) -> None:
        self.kinds = kinds
        self.near = near
        self.scope = scope
        self.size = size

    def evaluate(self, view: TextView) -> Outcome:
        channels = [c for c in document_channels(view) if c.kind in self.kinds]
        if self.near is not None and channels:
            context = HitIndex(view.outcome(self.near).hits)
            channels = [c for c in channels if context.close_to(view, Hit(c.start, c.end), self.scope, self.size)]
        hits = [Hit(c.start, c.end, f"{c.kind.value}: {c.value}") for c in channels]
        kinds = sorted({c.kind.value for c in channels})
        return Outcome(bool(hits), hits, detail=f"gives {', '.join(kinds)}" if kinds else "")


def build(options: ContactSpec, ctx: CompileContext) -> ContactMatcher:
    near = PhrasesMatcher(list(options.near)) if options.near is not None else None
    scope, size = parse_within(options.within, ctx.at("within"), default=80)
    return ContactMatcher({ChannelKind(k) for k in options.kinds}, near, scope, size)


KINDS = (MatcherKind("contact", build, __doc__, "ContactSpec", empty_body=True),)
