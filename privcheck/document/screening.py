"""Telling a policy from what is not one: a file too short to be a policy, or an error page.

A crawl of policy pages brings back, besides policies, the stubs a crawler writes when a page
failed ("There are some errors when get the original page!") and the error pages of web servers
("404 Not Found", "Access Denied", "页面不存在"). Graded as policies they would be F's that say
nothing about any policy. `not_a_policy` recognises them, and `privcheck scan` records them with
the status `not_a_policy` instead of a grade.

A text is too short when it holds fewer than `MIN_POLICY_CHARACTERS` characters that are not white
space, a Chinese character counting as three (it carries about as much as a short English word);
the shortest real notices run to a few thousand. An
error page is a text of at most `ERROR_PAGE_CHARACTERS` characters that carries one of the
`ERROR_PAGE_PHRASES`: a long policy that mentions "page not found" is still a policy.
"""

from __future__ import annotations

import re

MIN_POLICY_CHARACTERS = 60
ERROR_PAGE_CHARACTERS = 3000
_CJK = re.compile("[\u4e00-\u9fff]")

ERROR_PAGE_PHRASES = re.compile(
    r"there are some errors when get the original page"
    r"|\b(?:http(?:/\d(?:\.\d)?)?\s*)?(?:400 bad request|401 unauthori[sz]ed|403 forbidden|404 not found"
    r"|410 gone|429 too many requests|500 internal server error|502 bad gateway|503 service (?:temporarily )?unavailable"
    r"|504 gateway time-?out)\b"
    r"|\b(?:page|file) (?:was )?not found\b|\bthe page you (?:are|were) looking for\b|\baccess denied\b"
    r"|\bthis site can[’']t be reached\b|\bjust a moment\.\.\.|\bcaptcha\b|\benable javascript and cookies\b"
    r"|页面不存在|页面未找到|找不到(?:该|此)?页面|访问出错|访问被拒绝|服务器错误|网页无法访问|请求过于频繁|系统繁忙",
    re.IGNORECASE,
)


def not_a_policy(text: str) -> str | None:
    """Why `text` is not a privacy policy, or None when it may be one."""
    compact = len("".join(text.split()))
    weighted = compact + 2 * len(_CJK.findall(text, 0, 10 * MIN_POLICY_CHARACTERS))
    if compact <= ERROR_PAGE_CHARACTERS:
        found = ERROR_PAGE_PHRASES.search(text)
        if found:
            return f"is an error page, not a policy (it says {' '.join(found.group().split())!r})"
    if weighted < MIN_POLICY_CHARACTERS:
        return (f"is too short to be a policy ({compact} characters of text; a policy has far more "
                "to disclose)")
    return None
