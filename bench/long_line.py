"""How long a policy written on one enormous line takes to check (it must grow linearly).

    .venv/bin/python bench/long_line.py            # 1, 2 and 4 MB, English and Chinese
"""

from __future__ import annotations

import sys
import time

from privcheck.checklist import bundled_ids, load_checklist
from privcheck.document import load_bytes
from privcheck.engine import check_document

UNITS = {
    "en": "We respond to requests within 15 days; contact privacy@shopco.cn or call 400-820-1234, withdraw consent, children under 14, transfer abroad ",
    "zh": "我们将在十五个工作日内回复您的请求，您可以撤回同意，未满十四周岁的儿童，跨境传输，联系电话400-820-1234，",
}


def main(sizes: list[int]) -> None:
    checklists = [load_checklist(c) for c in bundled_ids()]
    for language, unit in UNITS.items():
        for size in sizes:
            data = (unit * (size // len(unit.encode()) + 1)).encode()[:size].decode("utf-8", "ignore").encode()
            started = time.perf_counter()
            check_document(load_bytes(data, "one-line.txt"), checklists)
            print(f"{language} {size / 1e6:.0f} MB on one line: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main([int(float(a) * 1e6) for a in sys.argv[1:]] or [1_000_000, 2_000_000, 4_000_000])
