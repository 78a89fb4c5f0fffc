"""Tests for privcheck.detectors.contacts: concrete contact channels in policy text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privcheck.detectors.contacts import ChannelKind, ContactChannel, find_contact_channels

EMAIL = ChannelKind.EMAIL
PHONE = ChannelKind.PHONE
URL = ChannelKind.URL
ADDRESS = ChannelKind.ADDRESS
APP_PATH = ChannelKind.APP_PATH


def norm(text: str) -> str:
    """The caller's normalisation: NFKC, case-folded, whitespace runs collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold())


def found(text: str, kinds: list[ChannelKind] | None = None) -> list[ContactChannel]:
    """Run the detector on normalised text and check the basic invariants."""
    t = norm(text)
    channels = find_contact_channels(t, kinds)
    for c in channels:
        assert t[c.start : c.end] == c.value
    assert [c.start for c in channels] == sorted(c.start for c in channels)
    for a, b in zip(channels, channels[1:]):
        assert a.end <= b.start
    return channels


def values(text: str, kind: ChannelKind) -> list[str]:
    """Values of one kind (detected among all kinds)."""
    return [c.value for c in found(text) if c.kind is kind]


# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("如您有疑问，请发送邮件至privacy@taobao.com。", "privacy@taobao.com"),
        ("邮箱：privacy@xx.com。", "privacy@xx.com"),
        ("电子邮箱：privacy＠xxx-tech.com；", "privacy@xxx-tech.com"),
        ("您也可以发送至我们的QQ邮箱286844592@qq.com进行反馈", "286844592@qq.com"),
        ("You can contact our DPO at dpo@acme-group.co.uk.", "dpo@acme-group.co.uk"),
        ("Email us (privacy.team+gdpr@acme.de) at any time", "privacy.team+gdpr@acme.de"),
        ("Send a message to mailto:legal@bytedance.com, and we will reply.", "legal@bytedance.com"),
        ("个人信息保护负责人邮箱为PIPL_Officer@Douyin-Group.cn，", "pipl_officer@douyin-group.cn"),
        # Written to fool address harvesters:
        ("Contact privacy-team @ brightfield.io (remove the spaces).", "privacy-team @ brightfield.io"),
        ("E-Mail: datenschutz (at) brightfield-gmbh.de.", "datenschutz (at) brightfield-gmbh.de"),
        ("Write to dpo[at]brightfield[dot]co[dot]uk today.", "dpo[at]brightfield[dot]co[dot]uk"),
        ("E-mail: dpo at brightfield dot co dot uk.", "dpo at brightfield dot co dot uk"),
        ("请发送邮件至 privacy AT lumen-notes DOT cn", "privacy at lumen-notes dot cn"),
        ("邮箱：privacy#lumen-notes.cn（请将#替换为@）", "privacy#lumen-notes.cn"),
        ("Email: dpo#brightfield.eu (replace # with @)", "dpo#brightfield.eu"),
    ],
)
def test_email_found(text: str, expected: str) -> None:
    assert values(text, EMAIL) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Please write to privacy@example.com for questions.",
        "Contact: dpo@example.org or legal@example.net",
        "邮箱：support@test.com",
        "Email: contact@domain.com",
        "Email: privacy@yourcompany.com",
        "Email: your.name@yourdomain.com",
        "电子邮箱：xxx@taobao.com",
        "电子邮箱：***@qq.com",
        "Email us at name@company for help.",
        "Email: name@company.com",
        "Email: privacy@company-name.com",
        "Email: [email]",
        "Email: <email>",
        "联系邮箱：【邮箱】",
        "邮箱：privacy@",
        "email:",
    ],
)
def test_email_placeholders_give_nothing(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text", ["Follow us @ twitter for news.", "Meet us at (at) the booth.", "dpo [at] example [dot] com", "a @ b",
             "Write to the privacy team at brightfield.eu today.", "We meet at noon dot.", "邮箱：privacy#lumen-notes.cn",
             "Tag us with #privacy@brightfield on social media.", "hello at lumen dot notarealtld"]
)
def test_not_obfuscated_emails(text: str) -> None:
    assert values(text, EMAIL) == []


# ---------------------------------------------------------------------------
# Phone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("客服电话：400-820-1234；", "400-820-1234"),
        ("请拨打客服热线4008001234咨询", "4008001234"),
        ("Hotline: 400 800 1234.", "400 800 1234"),
        ("免费热线800-820-1234", "800-820-1234"),
        ("联系电话：010-12345678", "010-12345678"),
        ("总机0571-88158198，工作日接听", "0571-88158198"),
        ("Tel: (0571) 8815 8198", "(0571) 8815 8198"),
        ("手机：13812345678。", "13812345678"),
        ("或致电138-1234-5678联系我们", "138-1234-5678"),
        ("Call +86 571 8815 8198 for support.", "+86 571 8815 8198"),
        ("Call us on +1 (650) 253-0000.", "+1 (650) 253-0000"),
        ("UK office: +44 20 7946 0958", "+44 20 7946 0958"),
        ("请致电+8613812345678", "+8613812345678"),
        ("客服热线：95188。", "95188"),
        ("您可以拨打95555转人工服务", "95555"),
        ("Phone: 95188", "95188"),
        ("2. 客服电话：12345", "12345"),  # the municipal service hotline, not a dummy
        ("联系电话：0571-88158198转8001", "0571-88158198转8001"),
        ("联系电话：０５７１－８８１５８１９８", "0571-88158198"),
    ],
)
def test_phone_found(text: str, expected: str) -> None:
    assert values(text, PHONE) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "客服电话：400-XXX-XXXX",
        "手机号示例：138****1234",
        "手机：138xxxx5678",
        "Phone: +86 138xxxx5678",
        "Phone: [phone]",
        "Phone: 123-456-7890",
        "Tel: 1234567890",
        "电话：0000",
        "电话：54321",
        "电话：13800000000",
        "电话：400-000-0000",
        "本政策更新于2024-05-01，生效日期2024年5月1日。",
        "Version 13.8.1234 released on 2024-05-01 10:30.",
        "参照GB/T 35273-2020《信息安全技术 个人信息安全规范》",
        "依据国信办秘字〔2019〕191号文件",
        "根据Regulation (EU) 2016/679第13条",
        "身份证号示例：110101199003071234",
        "We keep logs for 15 days and backups for 180 days.",
        "注册资本人民币13800000000元",
        "订单号95188已发货",
        "We will reply within 30 days (15 working days in China).",
    ],
)
def test_not_phones(text: str) -> None:
    assert values(text, PHONE) == []


# ---------------------------------------------------------------------------
# URL
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请访问https://privacy.taobao.com/policy查看", "https://privacy.taobao.com/policy"),
        ("Read more at https://www.acme.com/privacy.", "https://www.acme.com/privacy"),
        ("官网www.jd.com，欢迎访问", "www.jd.com"),
        ("访问 privacy.taobao.com 了解详情", "privacy.taobao.com"),
        ("网址：help.alipay.com。", "help.alipay.com"),
        ("Visit privacy.microsoft.com for details.", "privacy.microsoft.com"),
        ("See our policy (https://x.com/privacy).", "https://x.com/privacy"),
        ("登录 http://kf.qq.com/faq，提交问题", "http://kf.qq.com/faq"),
    ],
)
def test_url_found(text: str, expected: str) -> None:
    assert values(text, URL) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "See http://example.com/privacy for a sample.",
        "Visit www.example.org today.",
        "Website: https://www.example.net/contact",
        "Local testing at http://localhost:8080/privacy",
        "网址：www.xxx.com",
        "http:// and www. alone",
        "Please respond at least once, e.g. by email.",
        "Website:",
        "Visit us at 3.5 percent.",
    ],
)
def test_not_urls(text: str) -> None:
    assert values(text, URL) == []


# ---------------------------------------------------------------------------
# Address
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们的注册地址为浙江省杭州市余杭区文一西路969号，", "浙江省杭州市余杭区文一西路969号"),
        ("总部位于北京市海淀区西北旺东路10号院。", "北京市海淀区西北旺东路10号院"),
        ("上海市长宁区娄山关路523号12楼", "上海市长宁区娄山关路523号12楼"),
        ("办公地点：深圳市南山区科技园科技中一路腾讯大厦", "深圳市南山区科技园科技中一路腾讯大厦"),
        ("通讯地址：上海市浦东新区世纪大道100号。", "上海市浦东新区世纪大道100号"),
        ("注册地址：杭州市余杭区仓前街道文一西路1500号1幢。", "杭州市余杭区仓前街道文一西路1500号1幢"),
        ("地址：余杭区文一西路969号", "余杭区文一西路969号"),
        ("联系我们的所在地：苏州市三香路998号5号楼7F（信息中心）", "苏州市三香路998号5号楼"),
        ("欢迎来访成都市天府大道1700号。", "成都市天府大道1700号"),
        ("请将书面请求寄至：上海市长宁区娄山关路523号12楼 法务部 收", "上海市长宁区娄山关路523号12楼"),
        (
            "联系地址：中国浙江省杭州市余杭区五常街道文一西路969号3号楼，邮编311121",
            "中国浙江省杭州市余杭区五常街道文一西路969号3号楼",
        ),
        ("Our office is at 969 Wenyi West Road.", "969 wenyi west road"),
        (
            "Write to us at No. 969 Wenyi West Road, Yuhang District, Hangzhou.",
            "no. 969 wenyi west road, yuhang district, hangzhou",
        ),
        (
            "Google LLC, 1600 Amphitheatre Parkway, Mountain View, CA 94043, and our EU office.",
            "1600 amphitheatre parkway, mountain view, ca 94043",
        ),
        ("Unit 5, 10 Main Street, Dublin 2, Ireland", "unit 5, 10 main street, dublin 2, ireland"),
        ("Our team sits on Floor 3, Building 8.", "floor 3, building 8"),
        ("Address: 1 Hacker Way, Menlo Park, CA 94025", "1 hacker way, menlo park, ca 94025"),
        ("Our registered address is 2 Kingdom Street, London W2 6BD.", "2 kingdom street, london w2 6bd"),
        ("Write to our DPO at Lindenhof Tea GmbH, Bergstraße 12, 10115 Berlin, Germany.", "bergstrasse 12, 10115 berlin"),
        ("Sitz: Karl-Marx-Allee 5a, D-10178 Berlin", "karl-marx-allee 5a, d-10178 berlin"),
        ("Keizersgracht 100, 1015 AA Amsterdam", "keizersgracht 100, 1015 aa amsterdam"),
        ("Écrivez-nous au 12 rue de Rivoli, 75001 Paris.", "12 rue de rivoli, 75001 paris"),
        ("By mail: Pine Academy, PO Box 2211, Springfield, IL 62701", "pine academy, po box 2211, springfield, il 62701"),
    ],
)
def test_address_found(text: str, expected: str) -> None:
    assert values(text, ADDRESS) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Please write to us at [company address].",
        "通讯地址：【公司注册地址】",
        "地址：[公司地址]",
        "请寄至（地址）",
        "地址：xx省xx市xx区xx路xx号",
        "地址：某某省某某市某某路",
        "Address:",
        "地址：",
        "我们会收集您的姓名、收货地址、IP地址等信息。",
        "您所在城市的区域信息将用于推荐。",
        "适用于中华人民共和国境内各省市区的用户。",
        "若您是上海市浦东新区的用户，请联系我们。",
        "本市场路1号店欢迎您。",
        "我们在苏州市设有研发中心。",
        "We collect your email address, IP address and device identifiers.",
        "We will respond within 15 days at the latest.",
        "The 2 parties agree in the way described.",
        "We have 5 offices in the district.",
        "Please contact our DPO at the address above.",
        "We keep logs during 30 days and upgrade 2 servers a year.",
        "Siehe Weg 5 im Plan.",
        "地址信息、位置信息。联系地址：见上文。",
        "We will reply by mail within 10 days.",
        "By mail: see the contact page.",
    ],
)
def test_not_addresses(text: str) -> None:
    assert values(text, ADDRESS) == []


def test_address_stops_before_phone() -> None:
    channels = found("地址：北京市海淀区中关村大街1号 010-12345678")
    assert [(c.kind, c.value) for c in channels] == [
        (ADDRESS, "北京市海淀区中关村大街1号"),
        (PHONE, "010-12345678"),
    ]


# ---------------------------------------------------------------------------
# In-app path
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("您可以通过我的-设置-帮助与反馈联系我们", "我的-设置-帮助与反馈"),
        ("请进入【我的】-【设置】-【账号与安全】进行操作", "【我的】-【设置】-【账号与安全】"),
        ("在「我的」>「设置」中管理", "「我的」>「设置」"),
        ("路径：我的→设置→隐私", "我的→设置→隐私"),
        ("Go to Me > Settings > Help & Feedback to contact us.", "me > settings > help & feedback"),
        ("Open Settings -> Privacy -> Personalised Ads.", "settings -> privacy -> personalised ads"),
        ("打开“我的淘宝-设置-账户安全”即可", "“我的淘宝-设置-账户安全”"),
        ("依次点击【我的】＞【设置】＞【隐私】即可关闭", "【我的】>【设置】>【隐私】"),
        ("进入“我的”-“设置”-“注销账号”", "“我的”-“设置”-“注销账号”"),
        ("路径：首页/我的/设置", "首页/我的/设置"),
    ],
)
def test_app_path_found(text: str, expected: str) -> None:
    assert values(text, APP_PATH) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "个人信息-收集的规则",
        "We may share and/or disclose your data.",
        "收集姓名/电话/地址等信息",
        "个人信息的收集→使用→存储→删除",
        "Supports Windows/Mac/Linux.",
        "You may opt-in/opt-out at any time.",
        "中国-欧盟数据流动",
        "本《隐私政策》（以下简称“本政策”/“本隐私政策”）适用于我们的产品。",
    ],
)
def test_not_app_paths(text: str) -> None:
    assert values(text, APP_PATH) == []


# ---------------------------------------------------------------------------
# Empty labels, combined text, offsets, kinds filter
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "email:",
        "Email: ",
        "Email:\nPhone:\nAddress:",
        "email: phone: address: website:",
        "邮箱：电话：地址：",
        "联系邮箱：\n客服电话：\n",
        "Contact us by email: or by phone:",
    ],
)
def test_empty_labels_give_nothing(text: str) -> None:
    assert found(text) == []


def test_empty_email_label_followed_by_real_phone() -> None:
    channels = found("Email: Phone: 400-820-1234")
    assert [(c.kind, c.value) for c in channels] == [(PHONE, "400-820-1234")]


POLICY = (
    "如您有任何疑问，可通过以下方式与我们联系：电子邮箱：privacy@xxx-tech.com；"
    "客服电话：400-820-1234；通讯地址：上海市浦东新区世纪大道100号。"
    "您也可以访问 https://privacy.xxx-tech.com 或在App内通过“我的-设置-帮助与反馈”提交。"
)


def test_full_policy_paragraph() -> None:
    channels = found(POLICY)
    assert [(c.kind, c.value) for c in channels] == [
        (EMAIL, "privacy@xxx-tech.com"),
        (PHONE, "400-820-1234"),
        (ADDRESS, "上海市浦东新区世纪大道100号"),
        (URL, "https://privacy.xxx-tech.com"),
        (APP_PATH, "“我的-设置-帮助与反馈”"),
    ]


def test_offsets_index_the_given_text() -> None:
    text = norm(POLICY)
    channels = find_contact_channels(text)
    assert channels
    for c in channels:
        assert text[c.start : c.end] == c.value
        assert 0 <= c.start < c.end <= len(text)
    email = channels[0]
    assert email.start == text.index("privacy@")


def test_offsets_with_leading_text() -> None:
    text = "x" * 10 + " 电话:13812345678"  # 10 + 1 + 3 characters before the number
    (c,) = find_contact_channels(text)
    assert (c.start, c.end, c.value) == (14, 25, "13812345678")


@pytest.mark.parametrize("kind", list(ChannelKind))
def test_kinds_filter_is_a_subset(kind: ChannelKind) -> None:
    text = norm(POLICY)
    everything = find_contact_channels(text)
    only = find_contact_channels(text, [kind])
    assert only == [c for c in everything if c.kind is kind]
    assert len(only) == 1


def test_kinds_filter_several_and_empty() -> None:
    text = norm(POLICY)
    got = find_contact_channels(text, {EMAIL, PHONE})
    assert [c.kind for c in got] == [EMAIL, PHONE]
    assert find_contact_channels(text, []) == []


def test_kinds_filter_does_not_leak_inner_digits() -> None:
    # The digits of a QQ address are not a phone even when only phones are asked for.
    assert find_contact_channels("qq邮箱:13812345678@qq.com", [PHONE]) == []
    assert find_contact_channels("邮箱:13812345678@example.com", [PHONE]) == []


def test_channel_kind_is_str_enum() -> None:
    assert ChannelKind("email") is EMAIL
    assert APP_PATH.value == "app_path"
    assert isinstance(ChannelKind.URL, str)


def test_empty_input() -> None:
    assert find_contact_channels("") == []
    assert find_contact_channels(" ") == []


# ---------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("0123456789abcxyz@.-_/+()[]>:;,。，：、 \n")
    + list("省市区县镇路号楼室我的设置邮箱电话地址【】「」“”→—*#")
    + ["www.", "http://", ".com", "400", "138", "0571-", "+86 ", "address: ", "email: ", "地址："]
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), st.lists(_ALPHABET, max_size=80).map("".join)))
def test_never_raises_and_spans_are_sane(text: str) -> None:
    channels = find_contact_channels(text)
    prev_end = 0
    for c in channels:
        assert isinstance(c.kind, ChannelKind)
        assert 0 <= c.start < c.end <= len(text)
        assert c.start >= prev_end
        assert text[c.start : c.end] == c.value
        prev_end = c.end


@pytest.mark.slow
def test_one_megabyte_input_is_processed() -> None:
    sentence = norm(POLICY) + " we retain data for 15 days, see gb/t 35273-2020 and 2024-05-01. "
    text = sentence * (1_000_000 // len(sentence) + 1)
    assert len(text) >= 1_000_000
    channels = find_contact_channels(text)
    assert len(channels) >= 5 * (1_000_000 // len(sentence))


@pytest.mark.parametrize("text, number", [
    ("Questions? Tel: 1.800.561.5161", "1.800.561.5161"),
    ("You can call us at (858) 555-0100 on weekdays.", "(858) 555-0100"),
    ("Phone: 020 7946 0958", "020 7946 0958"),
])
def test_a_labelled_national_number_of_a_us_or_european_policy(text, number):
    assert ("phone", number) in [(c.kind.value, c.value) for c in find_contact_channels(text.lower())]


@pytest.mark.parametrize("text", ["Call 5 times a day.", "Phone models from 2019 and 2020.", "Tel: 1234567"])
def test_a_label_before_figures_that_are_no_number(text):
    assert [c for c in find_contact_channels(text.lower()) if c.kind.value == "phone"] == []


def test_a_domain_that_names_a_company_is_not_a_link():
    channels = find_contact_channels("Write us at Overstock.com, Inc., 799 W. Coliseum Way, Midvale, Utah 84047, USA")
    assert [c.kind.value for c in channels] == ["address"]
    assert [c.kind.value for c in find_contact_channels("Visit us at overstock.com for help.")] == ["url"]


def test_ideographs_read_case_sensitively_match_what_they_did_ignoring_case() -> None:
    """The classes written with `_CJK_ANY_CASE` so that `re` compiles them without case folding
    match the same characters, every code point, as the classes they replace did."""
    from privcheck.detectors import contacts

    pairs = [
        (f"[{contacts._CJK}]", contacts._CJK_ANY_CASE),
        (f"[{contacts._CJK}0-9a-z\\-#]", f"(?:{contacts._CJK_ANY_CASE}|[0-9a-z\\-#])"),
    ]
    every = "".join(map(chr, range(0x110000)))
    for before, after in pairs:
        old, new = re.compile(before, re.I), re.compile(after, re.I)
        assert [m.start() for m in old.finditer(every)] == [m.start() for m in new.finditer(every)]
