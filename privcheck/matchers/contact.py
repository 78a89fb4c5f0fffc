"""`contact`: a concrete, usable contact channel.

    contact: {}                                   # any kind
    contact:
      kinds: [email, phone, url, address]         # email | phone | url | address | app_path
      near: [help, feedback, 客服, 反馈]           # optional: only channels close to these phrases
      within: 80                                  # with `near`: sentence | paragraph | N | "N words"
      links: contact                              # optional: which web addresses count (contact | any)

Emails are checked by email-validator (also those written to fool harvesters: "dpo [at] x [dot]
eu", "dpo at x dot eu", "dpo#x.cn" with an instruction to swap # for @) and phone numbers by
phonenumbers (mainland mobiles, landlines, 400/800 hotlines, +86 and international numbers); URLs,
Chinese and English postal addresses and in-app menu paths ("我的-设置-帮助与反馈", "Settings >
Privacy") are recognised by pattern. Placeholders (privacy@example.com, 400-XXX-XXXX, [company address]) and empty labels
("email:" followed by nothing) are not channels.

The evidence quotes first the channels the policy offers the reader for reaching it: in a sentence
that speaks of contacting, writing to or asking "us" ("If you have questions, email us at ...",
"如有任何疑问，请通过以下方式与我们联系"), after a label ("Email:", "地址："), or under a "Contact us"
heading; a link to another company's privacy policy or an opt-out site is quoted last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING


from privcheck.detectors.contacts import ChannelKind, ContactChannel, find_contact_channels
from privcheck.matchers.base import CompileContext, Hit, Matcher, MatcherKind, Outcome, TextView
from privcheck.matchers.near import HitIndex, parse_within
from privcheck.matchers.phrases import PhrasesMatcher
from privcheck.textsearch.pattern_cache import compile_regex

if TYPE_CHECKING:
    from privcheck.matchers.options import ContactSpec


def document_channels(view: TextView) -> list[ContactChannel]:
    return view.memo("contact-channels", lambda: find_contact_channels(view.text))


# A sentence that offers a way to reach the policy's author: a contact word and the author ("us").
_CONTACT_WORD = compile_regex(
    r"(?<![a-z])(?:contact(?:ing|ed)?|write|writing|e-?mail|call|phone|reach|send|questions?|queries|query|inquir\w*"
    r"|enquir\w*|complain\w*|requests?|concerns?|feedback|address(?:ed)?|tel|fax|by post|mail)(?![a-z])"
    r"|联系|联络|咨询|疑问|问题|意见|建议|投诉|举报|反馈|邮箱|邮件|电话|热线|地址|来信|致函|客服")
_AUTHOR = compile_regex(r"(?<![a-z])(?:us|we|our|ourselves)(?![a-z])|我们|本公司|本平台|我司|本应用")
_LABEL = compile_regex(r"(?:e-?mail|email address|tel|telephone|phone|fax|address|post|mail|website|web|contact|"
                       r"邮箱|电子邮件|电话|联系电话|热线|客服电话|传真|地址|联系地址|通讯地址|网址|官网)\s*[:：]\s*$")
# A heading: a short line naming contact, not a sentence ("Contact us", "六、如何联系我们").
_CONTACT_HEADING = compile_regex(r"^[^.。!?！？;；]{0,60}(?:(?<![a-z])contact|联系)[^.。!?！？;；,，]{0,40}$")
# A web address that is itself a way to reach the author: a contact, support or request page.
_CONTACT_PAGE = compile_regex(
    r"contact|support|help(?!ful)|feedback|enquir|inquir|(?<![a-z])(?:web)?forms?(?![a-z])|request|ticket|dsar"
    r"|privacy-?cent|(?<![a-z])dpo(?![a-z])|kefu|customer-?serv|complain")
HEADING_LINES = 3
BLOCK_LINE_LONGEST = 100  # a line of a contact block: a name, an address, a number


def offered_channels(view: TextView) -> set[int]:
    """The starts of the channels the policy offers the reader, judged once per document (several
    items ask for contact channels)."""
    return view.memo("contact-offered", lambda: {c.start for c in document_channels(view) if _offered(view, c)})


def _offered(view: TextView, channel: ContactChannel) -> bool:
    """Whether the policy offers the channel to the reader for reaching its author."""
    text = view.text
    lo, hi = view.sentence(channel.start)
    if _CONTACT_WORD.search(text, lo, hi) and _AUTHOR.search(text, lo, hi):
        return True
    line_start, line_end = view.paragraph(channel.start)
    if _LABEL.search(text, max(line_start, channel.start - 40), channel.start):
        return True
    # Under a "Contact us" heading, in a block of short lines (a name, an address), not in prose.
    if not _block_line(text[line_start:line_end]):
        return False
    for _ in range(HEADING_LINES):
        if line_start == 0:
            break
        start, end = view.paragraph(line_start - 1)
        line = text[start:end].strip()
        if _CONTACT_HEADING.search(line):
            return True
        if not _block_line(line):
            return False
        line_start = start
    return False


def _block_line(line: str) -> bool:
    line = line.strip()
    return len(line) <= BLOCK_LINE_LONGEST and not line.endswith((".", "。"))


class ContactMatcher(Matcher):
    kind = "contact"

    def __init__(self, kinds: set[ChannelKind], near: PhrasesMatcher | None, scope: str, size: int,
                 any_link: bool = False) -> None:
        self.kinds = kinds
        self.any_link = any_link
        self.near = near
        self.scope = scope
        self.size = size

    def evaluate(self, view: TextView) -> Outcome:
        channels = [c for c in document_channels(view) if c.kind in self.kinds]
        if self.near is not None and channels:
            context = HitIndex(view.outcome(self.near).hits)
            channels = [c for c in channels if context.close_to(view, Hit(c.start, c.end), self.scope, self.size)]
        offered = offered_channels(view)
        # A web address is a channel only where it is offered for reaching the author or is a contact
        # page: not the address of this policy, of a home page or of another company's terms.
        if not self.any_link:
            channels = [c for c in channels
                        if c.kind is not ChannelKind.URL or c.start in offered or _CONTACT_PAGE.search(c.value)]
        hits = [Hit(c.start, c.end, f"{c.kind.value}: {c.value}", 0 if c.start in offered else 1) for c in channels]
        kinds = sorted({c.kind.value for c in channels})
        return Outcome(bool(hits), hits, detail=f"gives {', '.join(kinds)}" if kinds else "")


def build(options: ContactSpec, ctx: CompileContext) -> ContactMatcher:
    near = PhrasesMatcher(list(options.near)) if options.near is not None else None
    scope, size = parse_within(options.within, ctx.at("within"), default=80)
    return ContactMatcher({ChannelKind(k) for k in options.kinds}, near, scope, size, options.links == "any")


KINDS = (MatcherKind("contact", build, __doc__, "ContactSpec", empty_body=True),)
