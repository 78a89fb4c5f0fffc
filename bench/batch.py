"""Real batches for `make bench`: the folders of ../shared/corpus/dev, each with its checklist.

    python bench/batch.py keywords FILE...              a plain keyword scan (the yardstick)
    python bench/batch.py phases CHECKLIST FILE...      privcheck's check, CPU time per phase

Each prints one JSON object on stdout. `bench/run.py` runs them in fresh processes, beside the
command a user runs (`privcheck check -c CHECKLIST -f json FILE...`), and prints the ratio.

The keyword scan is what any tool must at least do: read each file, decode it and run a fixed set
of about 200 compiled regular expressions (English and Chinese disclosure words) over it.
The phases of a check are: reading (read, decode, map lines and normalise the text), matching
(the one-pass phrase search that every item's evaluation starts from), evaluation (every item of
the checklist, with the regular expressions, contact, duration and other matchers it runs) and
rendering (the JSON report).
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ENGLISH = """
personal data, personal information, privacy, privacy policy, privacy notice, controller, processor,
data protection officer, dpo, contact us, email, e-mail, address, telephone, phone, postal,
legal basis, lawful basis, legitimate interest, legitimate interests, consent, withdraw,
contract, legal obligation, vital interests, public interest, purpose, purposes, retention, retain,
stored, delete, deletion, erase, erasure, rectify, rectification, access, copy, portability,
restrict, restriction, object, objection, complaint, supervisory authority, data protection authority,
transfer, transfers, third countries, third country, adequacy decision, standard contractual clauses,
safeguards, recipients, third parties, third party, share, sharing, disclose, disclosure, sell, sale,
cookies, cookie, tracking, analytics, advertising, marketing, profiling, automated decision,
children, child, minors, under the age of, parental consent, sensitive, special categories, health,
biometric, genetic, racial, religious, political, sexual orientation, criminal, security, encryption,
breach, notify, changes to this policy, effective date, last updated, location, device, ip address,
identifier, browser, log data, payment, credit card, account, registration, opt out, opt-out,
unsubscribe, do not track, california, ccpa, gdpr, european union, eea, united kingdom, representative,
days, months, years, one month, within, respond, request, requests, verify, identity, fee, free of charge,
statutory, contractual requirement, obligation to provide, consequences, source, publicly available
"""

CHINESE = """
个人信息, 隐私政策, 隐私, 个人信息保护, 个人敏感信息, 敏感个人信息, 收集, 使用, 存储, 保存, 期限, 删除, 更正, 查阅,
复制, 撤回同意, 同意, 授权, 注销, 账户, 账号, 投诉, 举报, 联系我们, 电子邮件, 邮箱, 电话, 客服, 地址, 工作日,
十五个工作日, 响应, 答复, 身份验证, 未成年人, 儿童, 监护人, 不满十四周岁, 十四周岁, 跨境, 境外, 出境, 境内,
第三方, 共享, 转让, 公开披露, 委托处理, 合作伙伴, SDK, 自动化决策, 个性化推荐, 个性化展示, 定向推送, 广告,
营销, 画像, 权限, 位置, 定位, 相机, 摄像头, 麦克风, 通讯录, 相册, 设备信息, 设备标识符, IMEI, MAC, IP地址,
日志信息, Cookie, 安全, 加密, 去标识化, 匿名化, 安全事件, 告知, 通知, 更新, 生效日期, 更新日期, 法律依据,
法律法规, 合法, 正当, 必要, 最小必要, 目的, 方式, 范围, 生物识别, 人脸, 指纹, 医疗健康, 金融账户, 行踪轨迹,
宗教信仰, 特定身份, 支付, 订单, 交易, 实名, 身份证, 手机号码, 验证码, 注册, 登录, 拒绝, 关闭, 退出,
死者, 近亲属, 个人信息保护负责人, 负责人, 个人信息处理者, 运营者, 公司, 有限公司, 注册地址, 监管部门,
网信部门, 诉讼, 法院, 仲裁, 争议, 版本, 修订, 变更, 重大变化, 弹窗, 提示, 单独同意, 书面同意, 明示同意
"""


def keyword_patterns() -> list[re.Pattern[str]]:
    """100 English and 100 Chinese keywords, each its own regular expression over lower-cased text
    (English ones end at a word boundary; each starts with its literal, so the search is fast)."""
    english = [w.strip().lower() for w in ENGLISH.replace("\n", " ").split(",") if w.strip()][:100]
    chinese = [w.strip().lower() for w in CHINESE.replace("\n", " ").split(",") if w.strip()][:100]
    patterns = [re.compile(re.escape(w).replace(r"\ ", r"\s+") + r"\b") for w in english]
    patterns += [re.compile(re.escape(w)) for w in chinese]
    return patterns


def keywords(paths: list[str]) -> dict:
    start = time.process_time()
    patterns = keyword_patterns()
    hits = 0
    size = 0
    for path in paths:
        data = Path(path).read_bytes()
        size += len(data)
        text = data.decode("utf-8", errors="replace").lower()
        for pattern in patterns:
            hits += len(pattern.findall(text))
    return {"documents": len(paths), "bytes": size, "patterns": len(patterns), "hits": hits,
            "work": time.process_time() - start, "cpu": _process_cpu()}


def phases(checklist_reference: str, paths: list[str]) -> dict:
    from privcheck import __version__
    from privcheck.checklist import load_checklist
    from privcheck.document import LoadOptions, load_document
    from privcheck.engine import phrase_index, run_checklist
    from privcheck.matchers import TextView
    from privcheck.render import get_renderer
    from privcheck.results import DocumentResult, Report

    times = {"start-up": 0.0, "reading": 0.0, "matching": 0.0, "evaluation": 0.0, "rendering": 0.0}
    clock = time.process_time
    checklists = [load_checklist(checklist_reference)]
    renderer = get_renderer("json")
    times["start-up"] = _process_cpu()  # the interpreter, imports and checklists (from the cache)
    options = LoadOptions()
    documents = []
    for path in paths:
        mark = clock()
        document = load_document(path, options)
        document.normalized  # noqa: B018 - the matchers' text, made here so it counts as reading
        now = clock()
        times["reading"] += now - mark
        mark = now
        view = TextView(document)
        phrase_index(checklists).attach(view)
        now = clock()
        times["matching"] += now - mark
        mark = now
        results = [run_checklist(view, checklist) for checklist in checklists]
        documents.append(DocumentResult(path=document.path, language=document.language, format=document.format,
                                        checklists=results, text=document.text))
        times["evaluation"] += clock() - mark
    mark = clock()
    output = renderer.render(Report(tool_version=__version__, documents=documents))
    times["rendering"] = clock() - mark
    size = sum(Path(p).stat().st_size for p in paths)
    return {"documents": len(paths), "bytes": size, "json_bytes": len(output.encode("utf-8")),
            "phases": times, "cpu": _process_cpu()}


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    if len(sys.argv) < 3 or sys.argv[1] not in ("keywords", "phases"):
        sys.exit(__doc__)
    if sys.argv[1] == "keywords":
        result = keywords(sys.argv[2:])
    else:
        sys.path.insert(0, str(ROOT))
        result = phases(sys.argv[2], sys.argv[3:])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
