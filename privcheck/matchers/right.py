"""`right`: a right the policy gives the reader, or tells them how to use.

    right:
      actions: [access, a copy, 查阅, 查询, 复制]          # what the reader may do
      objects: [personal data, your information, 个人信息]  # optional: what it applies to
      unless: [from any device]                            # optional: sentences to leave out

Holds where an `actions` phrase is granted to the reader in its own sentence: after "you may",
"you can", "you have the right to", "users are entitled to", "request", "ask us to", "if you wish
to", "right of", "您有权", "您可以", "用户可", "如需", "要求我们" (and before "upon request", "on
request", "权"/"的权利", "申请", "请求"); or in a list item whose lead-in line grants it ("You
have the right to request:" followed by "• a copy of your data"). A verb that is not granted to
the reader does not count: "third parties have access to your personal information", "我们将会申请
访问您的相机", "you may not access", "您可能会访问".

With `objects`, one of them must be in the same sentence (or the lead-in), unless the action is
named as a right ("the right of access", "访问权"). A sentence holding an `unless` phrase is left
out. The evidence is the granting clause, from the grant to the action or its object; for a list
item, the item and then its lead-in.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

import regex

from privcheck.matchers.base import (
    LEAD_IN_LONGEST,
    CompileContext,
    Hit,
    Matcher,
    MatcherKind,
    Outcome,
    TextView,
    after_list_mark,
    leave_out,
    stripped,
)
from privcheck.matchers.phrases import PhrasesMatcher
from privcheck.textsearch.pattern_cache import compile_pattern, compile_regex

if TYPE_CHECKING:
    from privcheck.matchers.options import RightSpec

# How far a grant may stand before the action it grants, and a trailing grant after it.
MAX_GAP = 120
MAX_TRAILING_GAP = 60
MAX_INSTRUCTION_GAP = 90  # "To delete the data collected by our games, please reach out to"
MAX_OBJECT_BEFORE = 50
LONGEST_GRANT = 80  # how far before its end a grant may start ("we allow you, as a parent, to")
LEAD_IN_LINES = 4  # how many lines may stand between a list item and the lead-in that grants it
LEAD_IN_RANK = 1  # a lead-in is quoted after the list items it grants
INLINE_LIST_REACH = 600  # how far an item of a list in one paragraph may be from its lead-in

_EN_SUBJECT = (
    r"(?:you|users?|individuals?|data subjects?|customers?|visitors?|members?|parents?|guardians?|consumers?"
    r"|residents?|persons?|account holders?|people)"
)
_EN_PERMIT = (
    r"(?:may|can|could|are able to|is able to|will be able to|would be able to|be able to|are entitled|is entitled"
    r"|wish to|wishes to|want to|wants to|would like to|['’]d like to|choose to|prefer to"
    r"|(?:have|has|retain|retains|shall have|will have|also have)(?: the| a| certain| the following| following| several"
    r"| these| some| other| various| a number of)?(?: legal| statutory| data protection| privacy)?"
    r" (?:rights?|option|ability|choice|possibility))"
)
# The reader giving data, in a clause before another subject's modal: "the data you provide can".
_GIVING = r"(?:provide|submit|send|share|post|upload|enter|supplie|supply|give|disclose)"
# Where a grant can start: a word that opens one of the alternatives of `_GRANT_BEFORE`, or one of
# these characters. Written once, it is the look-ahead of `_GRANT_BEFORE`, and the pattern that
# `_grants` searches for first (with `re`, in C) to try `_GRANT_BEFORE` only where it finds it.
_GRANT_OPENINGS = (
    r"(?<![a-z])(?=you|user|individual|data subject|customer|visitor|member|parent|guardian|consumer|resident|person"
    r"|account holder|people|right|entitle|request|ask|instruct|direct|demand|appl|if you|should you|where you|when you"
    r"|whenever you|to exercise|wish|want|would like|need|tell us|inform us|notify us|contact us"
    r"|allow|enable|permit|let|give|offer|provide|invite)"
    r"|[您你用个本监家有享要请如若假倘]"
)
_GRANT_OPENING = compile_pattern(_GRANT_OPENINGS)
# A grant before the action. Negations ("you may not", "users cannot") are not grants.
_GRANT_BEFORE = compile_regex(
    rf"(?={_GRANT_OPENINGS})(?:"
    # "users of the app can"; not "we inform you that the need to ..." (another clause after "you").
    # Not the object of a clause in between: "the data you provide can give you access".
    rf"(?<![a-z]){_EN_SUBJECT}(?:,)?(?: (?!that |which |whether |because |{_GIVING}[a-z]* )[a-z'’]+){{0,3}}?"
    rf" {_EN_PERMIT}(?![a-z])(?! not\b)(?!not\b)"
    r"|(?<![a-z])(?<!reserves? the )(?<!retains? the )(?:rights?|entitled|entitlement) (?:to|of|for)(?![a-z])"
    # Not "apply to" what governs something: "other services apply to the rules that they explain".
    r"|(?<![a-z])(?:request|requests|requesting|ask|asks|asking|instruct|direct|demand)(?![a-z])"
    r"|(?<![a-z])(?:apply|applying)(?![a-z])(?! to (?:the|this|these|those|all|any|other|such|each|every|its|their|them|it)(?![a-z]))"
    r"|(?<![a-z])(?:if|should|where|when|whenever) you(?:['’]d like| (?:would like|wish|want|need|prefer|choose|decide))(?![a-z])"
    r"|(?<![a-z])to exercise(?![a-z])"
    # "if you are concerned about its accuracy or wish to review, amend or correct it". The words are
    # checked before the look-behind, which reads up to 150 characters back: it runs only where
    # they stand, not at every word.
    r"|(?<![a-z])(?=(?:wish|want|would like|need) to(?![a-z]))(?<=(?<![a-z])if you(?![a-z])[^.;!?]{0,150}?)"
    r"(?:wish|want|would like|need) to(?![a-z])"
    # Not an event: "the data collected when you contact us are deleted".
    r"|(?<![a-z])(?<!(?:when|once|after|before|whenever|time) you )(?:let us know|tell us|inform us|notify us|contact us)(?![a-z])"
    # "we allow you to review", "gives users the ability to", "we offer you ways to update it"
    r"|(?<![a-z])(?:allow|allows|enable|enables|permit|permits|let|lets|give|gives|offer|offers|provide|provides|invite|invites)"
    # Words between only after a comma ("allow you, as a parent, to"): not "provide user support to".
    # "provide you with access" (see _WITH_GRANTS)
    rf" (?:you|{_EN_SUBJECT})(?:, [a-z ,'’]{{0,40}}?)? (?:to"
    r"|(?:with )?the (?:right|ability|option|opportunity|means|tools?) to"
    r"|(?:with )?(?:ways?|tools?|means|options?|choices?|controls?) to|with)(?![a-z])"
    r"|(?:您|你|用户|个人信息主体|个人|本人|监护人|家长)(?:也|还|亦|均|都|同样|仍|依法|随时|将)?(?:可以|可(?!能)|能够|有权|享有|有\S{0,12}?的权利|随时可)"
    r"|有权|享有|(?<!我们|我们将|我们会|我们将会|将会|会)(?:要求|请求)(?:我们)?"
    r"|(?:您|你)(?:申请|提出)"
    r"|(?:如|若|如果|假如|倘若)(?:您|你)?(?:需要|需|希望|想|要|欲)"
    r")"
)
# "We provide you with" grants what the reader gets, access or a copy: not "with email updates".
_WITH_GRANTS = compile_regex(r" (?:access|a copy|copies|an overview)\b")
# A grant after the action: "deleted upon request", "访问权", "提出更正申请".
_GRANT_AFTER = compile_regex(
    r"(?<![a-z])(?:upon|on|at) (?:your |written |a |the )?(?:request|demand)(?![a-z])"
    r"|(?<![a-z])(?:if|when|whenever) you (?:ask|request|so request|tell us)(?![a-z])"
    r"|(?<![a-z])(?:simply )?by (?:contacting|emailing|e-mailing|writing to|calling|visiting|logging in|logging into|signing in|going to"
    r"|clicking|using|accessing)(?![a-z])"
)
# An instruction after the action: "To delete your data, please reach out to info@...". It grants the
# action only when no one else is its subject ("we collect data to delete spam; please contact us").
_INSTRUCTION_AFTER = compile_regex(r"(?<![a-z])(?:contact|reach out to|get in touch with|email|e-mail|write to) (?:us|me)(?![a-z])")
_PLEASE_AFTER = compile_regex(r"(?<![a-z])please (?:contact|reach out to|get in touch with|email|e-mail|write to)(?![a-z])")
_FIRST_PERSON = compile_regex(r"(?<![a-z])(?:we|us|our|i)(?![a-z])|我们")
# 权 names a right ("访问权", "查阅、复制的权利"), not in 授权 (authorisation), 权限 (permission), 权益, 版权.
_ZH_GRANT_AFTER = compile_regex(
    r"\G(?:(?:[、和及与或]|以及)\p{Han}{1,10}){0,10}(?:等)?(?:的)?(?:相关|合法)?(?<![授特版产职])权(?!限|益|威|属|责)|\G(?:的)?(?:请求|申请)")
# A right the processor keeps for itself, in the clause before the action: "保留一切对本协议解释的权利".
_RESERVED = compile_regex(r"保留[^，,；;。:：]*$")
_NAMED_RIGHT = compile_regex(r"(?:(?<![a-z])(?<!reserves? the )(?<!retains? the )(?:rights?|entitled|entitlement) (?:to|of|for)(?: [a-z]+){0,2} ?)$")
# The means of an action, after which a noun is no longer its object: "update your privacy settings
# by visiting your account" does not update the account.
_MEANS = compile_regex(r"\b(?:by|through|via|when|while) [a-z]+ing\b")
# A purpose clause, whose nouns are not what the action applies to: "you may read this guide, to
# help you protect your personal information", "您可以查阅该指引，以帮助您保护您的个人信息".
_PURPOSE = compile_regex(r"[,，]\s*以(?![及下上内外后前])|以便|为了|从而|(?<![a-z])(?:to help|in order to|so that|so as to)(?![a-z])")
# A new clause with another subject between the grant and the action: "information you choose to
# submit, and we have no responsibility to ... edit", "您可以……，我们将删除", "you may sign up for a
# newsletter, which contains product update information".
# The reader letting someone else act is not the reader acting: "you need to authorise us to obtain".
_OTHER_CLAUSE = compile_regex(
    r", which\b|(?:[,;:]|\band\b|\bbut\b|\bwhile\b) (?:we|they|it|our)\b|[，,；;：:](?:但|而|并且|且)?我们"
    r"|(?<![a-z])(?:authori[sz]e|allow|permit|let|enable|consent to|agree to)(?:s|d)? (?:us|them|third parties|others)\b"
    r"|(?:授权|允许|同意)(?:我们|第三方)")
# Someone other than the reader asking: "law enforcement may request access to personal data".
_OTHER_PARTY = compile_regex(
    r"(?<![a-z])(?:third[ -]part(?:y|ies)|authorit(?:y|ies)|government|law enforcement|police|court|regulators?"
    r"|partners?|vendors?|providers?|processors?|advertisers?|employees?|staff|we|our)(?![a-z])"
    r"|第三方|合作方|合作伙伴|监管|政府|司法|执法|我们|法律|法规|法令|规定"
)
_READER = compile_regex(r"(?<![a-z])(?:you|users?|data subjects?|individuals?)(?![a-z])|您|你|用户")
# An action the reader cannot take: "无法再查看", "you will no longer be able to access".
_NEGATED = compile_regex(
    r"(?:无法|不能|不可|不得|不再|未能)(?:再|继续)?$"
    r"|(?<![a-z])(?:cannot|can't|can not|unable to|not be able to|no longer)(?: [a-z]+){0,3}\s*$"
    # What the reader opposes is not granted: "restriction where you oppose their erasure".
    r"|(?<![a-z])(?:oppose|opposes|opposing|contest|contests|contesting)(?: (?:the|their|its|such|any))?\s*$")
_CONDITION = compile_regex(r"(?<![a-z])(?:if|where|unless|provided that|in case)(?![a-z])")
# A lead-in of the cases where a request is refused: "在以下情形中，我们将无法响应您的请求：".
_REFUSING = compile_regex(
    r"无法|不能|不予|不会|拒绝|(?<![a-z])(?:not be able|unable|cannot|can't|will not|won't|may not|refuse)(?![a-z])")
_RIGHTS_WORD = compile_regex(r"(?<![a-z])(?:rights?|entitled)(?![a-z])|权利|有权")
# After a colon, a clause of its own rather than a list: "Legal requests: we may access ...".
_OTHER_SUBJECT_NEXT = compile_regex(r"\s*(?:(?:we|they|it|our)(?![a-z])|我们)")


def _grants(view: TextView, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Starts and ends of the grants in text[lo:hi]. Searched only before an action, not over the
    whole document: most of a policy grants nothing."""
    key = ("right-grants", lo, hi)
    found = view.cache.get(key)
    if found is None:
        found = view.cache[key] = _grant_spans(view.text, lo, hi)
    return found


def _grant_spans(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """The starts and ends of what `_GRANT_BEFORE.finditer(text, lo, hi)` finds, found by trying it
    only where a grant can start: the `regex` module tries its look-ahead at every position, at
    twice the cost of finding the openings with `re` and matching there."""
    starts: list[int] = []
    ends: list[int] = []
    for opening in _GRANT_OPENING.finditer(text, lo, hi):
        at = opening.start()
        if ends and at < ends[-1]:
            continue  # inside the grant found last: a search goes on from its end
        found = _GRANT_BEFORE.match(text, at, hi)
        if found is not None:
            starts.append(at)
            ends.append(found.end())
    return starts, ends


def _gives(view: TextView, lo: int, hi: int) -> bool:
    """Whether a grant in text[lo:hi] gives the reader something, as a lead-in: "provide you with"
    only access, a copy or rights ("the following rights:"), not "we will provide you with notice
    of those changes by either:"."""
    text = view.text
    return any(_gives_what_follows(text, end) or _RIGHTS_WORD.search(text, end, hi) for end in _grants(view, lo, hi)[1])


def _gives_what_follows(text: str, end: int) -> bool:
    """Whether the grant ending at `end` gives what follows it: a grant "with" gives only access
    or a copy ("provide you with access", not "provide you with email updates")."""
    return not text.endswith("with", 0, end) or _WITH_GRANTS.match(text, end) is not None


def grants(view: TextView, start: int, end: int) -> bool:
    """Whether text[start:end] gives the reader something: "you may", "you have the right to", "您可以"."""
    return bool(_grants(view, start, end)[0])


def grants_rights(view: TextView, start: int, end: int) -> bool:
    """Whether text[start:end] gives the reader rights ("You also have a right to:", "您享有以下权利："),
    not only a way to do something ("您可以通过以下方式注销您的帐户：")."""
    return _RIGHTS_WORD.search(view.text, start, end) is not None and grants(view, start, end)


class RightMatcher(Matcher):
    kind = "right"

    def __init__(self, actions: PhrasesMatcher, objects: PhrasesMatcher | None,
                 unless: PhrasesMatcher | None = None) -> None:
        self.actions = actions
        self.objects = objects
        self.unless = unless

    def cache_key(self) -> Any:
        return ("right", self.actions.cache_key(), self.objects.cache_key() if self.objects else None,
                self.unless.cache_key() if self.unless else None)

    def evaluate(self, view: TextView) -> Outcome:
        actions = view.outcome(self.actions)
        if not actions.matched:
            return Outcome.none()
        action_hits = actions.hits
        if self.unless is not None:
            # An action in a sentence with an `unless` phrase is left out, and with it the lead-in
            # that would have been quoted for it; a lead-in in such a sentence is not quoted.
            action_hits = leave_out(view, action_hits, self.unless)
        object_hits = view.outcome(self.objects).hits if self.objects else []
        objects = sorted(h.start for h in object_hits) if self.objects else None
        object_ends = {h.start: h.end for h in object_hits}
        hits: list[Hit] = []
        for action in action_hits:
            lo, hi = view.sentence(action.start)
            if _NEGATED.search(view.text, max(lo, action.start - 30), action.start):
                continue
            hits.extend(self._granted(view, action, lo, hi, objects, object_ends))
        if self.unless is not None and hits:
            hits = leave_out(view, hits, self.unless)
        return Outcome(bool(hits), hits)

    def _granted(self, view: TextView, action: Hit, lo: int, hi: int, objects: list[int] | None,
                 object_ends: dict[int, int]) -> tuple[Hit, ...]:
        """The evidence that `action` is granted to the reader; empty when it is not."""
        text = view.text
        starts, ends = _grants(view, max(lo, action.start - MAX_GAP - LONGEST_GRANT), action.start)
        # The nearest grant ending before the action, in the same sentence and close enough.
        index = len(ends) - 1
        grant_start = None
        while index >= 0 and ends[index] >= action.start - MAX_GAP:
            if not self._other_party(text, lo, starts[index], ends[index]):
                if not _OTHER_CLAUSE.search(text, ends[index], action.start) and _gives_what_follows(text, ends[index]):
                    grant_start = starts[index]
                break
            index -= 1
        zh_tail = _ZH_GRANT_AFTER.match(text, action.end, hi)
        if zh_tail is not None and _RESERVED.search(text, lo, action.start):
            zh_tail = None  # "抖音保留一切对本协议解释的权利": the company's right, not the reader's
        # Named as a right: "the right of access", "访问权".
        named = (zh_tail is not None and text[zh_tail.end() - 1] == "权") or (
            grant_start is not None and bool(_NAMED_RIGHT.search(text, lo, action.start)))
        if grant_start is None:
            tail = _GRANT_AFTER.search(text, action.end, min(hi, action.end + MAX_TRAILING_GAP))
            if tail is None and not _FIRST_PERSON.search(text, lo, action.start):
                tail = (_INSTRUCTION_AFTER.search(text, action.end, min(hi, action.end + MAX_TRAILING_GAP))
                        or _PLEASE_AFTER.search(text, action.end, min(hi, action.end + MAX_INSTRUCTION_GAP)))
            trailing = tail or zh_tail
            if trailing is not None:
                end = trailing.end()
                if named or self._has_object(objects, lo, hi):
                    return (Hit(action.start, max(end, action.end)),)
                return ()
            lead_in = self._lead_in(view, action.start)
            if lead_in is None:
                return ()
            item = stripped(text, *view.sentence(action.start))
            # The lead-in grants what the item says, not its conditions: "to obtain restriction if you
            # contest the accuracy of the data, or you have objected to the processing" (an item that
            # opens with "If you need to access your data, ..." is no such condition).
            if _CONDITION.search(text, after_list_mark(text, item.start, action.start) + 1, action.start):
                return ()
            if objects is None or self._has_object(objects, lo, hi):
                # The lead-in is the granting clause: it is quoted too, after the item, unless it is
                # in the item's own sentence ("You have a right to: (1) request a copy ...").
                return (item,) if item.start <= lead_in[0] < item.end else (item, stripped(text, *lead_in)._replace(rank=LEAD_IN_RANK))
            return ()
        return self._with_lead_in(view, action, self._granted_here(text, action, lo, hi, grant_start, named,
                                                                   objects, object_ends))

    def _with_lead_in(self, view: TextView, action: Hit, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
        """A list item that grants itself ("The right to object to processing;") is quoted with the
        lead-in of its list ("Your rights are as follows:"), after it: the lead-in says whose rights
        they are."""
        if not hits:
            return hits
        lead_in = view.list_item_lead_in(action.start)
        if lead_in is None:
            return hits
        # The lead-in, or the sentence it continues, speaks of rights ("You have a number of rights.
        # These include:"); not "您可以通过以下方式注销您的帐户：" above an item that grants itself.
        before = lead_in[0]
        while before > 0 and view.text[before - 1].isspace():
            before -= 1
        context = view.sentence(before - 1)[0] if before > 0 else 0
        if not _RIGHTS_WORD.search(view.text, context, lead_in[1]):
            return hits
        return (*hits, stripped(view.text, *lead_in)._replace(rank=LEAD_IN_RANK))

    def _granted_here(self, text: str, action: Hit, lo: int, hi: int, grant_start: int, named: bool,
                      objects: list[int] | None, object_ends: dict[int, int]) -> tuple[Hit, ...]:
        """The evidence of an action granted in its own sentence, from the grant at `grant_start`."""
        if objects is None:
            return (Hit(grant_start, action.end),)
        # The object nearest after the grant, unless another clause with another subject comes first
        # ("if you choose to access a social network, we may receive personal information"); else
        # one earlier in the sentence ("you may access your personal data and request a copy of it").
        first = bisect.bisect_left(objects, grant_start)
        if first < len(objects) and objects[first] < hi and (
                objects[first] < action.end or not (_OTHER_CLAUSE.search(text, action.end, objects[first])
                                                    or _MEANS.search(text, action.end, objects[first])
                                                    or _PURPOSE.search(text, action.end, objects[first]))):
            return (Hit(grant_start, max(action.end, object_ends[objects[first]])),)
        before = bisect.bisect_left(objects, max(lo, grant_start - MAX_OBJECT_BEFORE))
        if before < len(objects) and objects[before] < grant_start:
            return (Hit(objects[before], action.end),)
        return (Hit(grant_start, action.end),) if named else ()

    @staticmethod
    def _has_object(objects: list[int] | None, lo: int, hi: int) -> bool:
        return objects is None or _any_in(objects, lo, hi)

    @staticmethod
    def _other_party(text: str, lo: int, grant_start: int, grant_end: int) -> bool:
        """Whether someone other than the reader asks ("the police may request access")."""
        if _READER.search(text, grant_start, grant_end):
            return False
        before = text[lo:grant_start]
        others = list(_OTHER_PARTY.finditer(before))
        return bool(others) and _READER.search(before, others[-1].end()) is None

    @staticmethod
    def _lead_in(view: TextView, offset: int) -> tuple[int, int] | None:
        """The span of a lead-in that grants the list item at `offset`: a line ending in a colon
        before the item's line, or a granting clause ending in a colon earlier in the item's own
        paragraph ("You have a right to: (1) request a copy ...; (3) restrict, or object to, ...")."""
        text = view.text
        line_start = view.paragraph(offset)[0]
        colon = max(text.rfind(":", max(line_start, offset - INLINE_LIST_REACH), offset),
                    text.rfind("：", max(line_start, offset - INLINE_LIST_REACH), offset))
        if colon != -1:
            clause_start = view.sentence(colon)[0]
            if _gives(view, clause_start, colon) and not regex.search(r"[.。!?]\s", text[colon:offset]) \
                    and not _OTHER_SUBJECT_NEXT.match(text, colon + 1):
                return clause_start, colon + 1
        # A few lines of any kind, or more that read as the items of one list of rights.
        lead_in = view.list_lead_in(offset, LEAD_IN_LINES, LEAD_IN_LONGEST)
        if lead_in is None:
            lead_in = view.list_item_lead_in(offset, tight=True)
            if lead_in is not None and not _RIGHTS_WORD.search(view.text, *lead_in):
                return None
        if lead_in is None or _REFUSING.search(view.text, *lead_in):
            return None
        return lead_in if _gives(view, *lead_in) else None


def _any_in(sorted_starts: list[int], lo: int, hi: int) -> bool:
    index = bisect.bisect_left(sorted_starts, lo)
    return index < len(sorted_starts) and sorted_starts[index] < hi


def build(options: RightSpec, ctx: CompileContext) -> Matcher:
    def phrases(value: list[str] | None) -> PhrasesMatcher | None:
        return PhrasesMatcher(list(value)) if value is not None else None

    return RightMatcher(PhrasesMatcher(list(options.actions)), phrases(options.objects), phrases(options.unless))


KINDS = (MatcherKind("right", build, __doc__, "RightSpec"),)
