#!/usr/bin/env python3
"""Workbooks written by openpyxl, the library most scripts that fill a form use, for tests/cli/intake_openpyxl.rs
(issue 21). Called by scripts/make-intake-fixtures.sh; or alone: python3 scripts/make-openpyxl-fixtures.py [FOLDER]
(default tests/fixtures/intake). The files are committed: the tests never need Python.

openpyxl installs with pip (three tries); without it the script says SKIPPED and exits 0, leaving the committed
files as they are.

What openpyxl writes that a hand-made file does not: a string that is an Excel error literal ("#N/A") assigned to a
cell becomes an error cell (t="e"); strings are inline (t="inlineStr"); a formula is written without a computed value
(<f>…</f><v/>) -- openpyxl has no way to write a formula's cached value, so that case is a refusal here.
"""

import importlib
import subprocess
import sys
import time


def openpyxl_or_skip():
    for attempt in range(1, 4):
        try:
            return importlib.import_module("openpyxl")
        except ImportError:
            print(f"openpyxl: pip install, try {attempt}/3", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "openpyxl"], check=False)
            importlib.invalidate_caches()
            time.sleep(attempt)
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        print("=" * 72, file=sys.stderr)
        print("SKIPPED: openpyxl could not be installed; the openpyxl fixtures were NOT remade.", file=sys.stderr)
        print("=" * 72, file=sys.stderr)
        sys.exit(0)


SELF_HEAD = ["Mã đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Số liệu", "Kết quả thực hiện", "Tài liệu kiểm chứng",
             "Khó khăn, vướng mắc, đề xuất"]
UNIT_HEAD = ["ma_don_vi", "ten_don_vi", "loai"]


def save(openpyxl, folder, name, sheet, rows):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    path = f"{folder}/{name}"
    book.save(path)
    print(path)
    return ws


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/intake"
    openpyxl = openpyxl_or_skip()
    # (a) A self-report whose evidence is a failed lookup and whose points a division by zero, as a script copies
    # them from another workbook's values: both error cells (t="e").
    save(openpyxl, folder, "openpyxl-selfreport-errors.xlsx", "Tự kiểm tra", [
        SELF_HEAD,
        ["VP", "1.1.5", 2, "96/100", "Đã số hoá 96 hồ sơ", "#N/A", None],
        ["VP", "1.1.6", "#DIV/0!", None, "Đã tổ chức 2 buổi đối thoại", "Biên bản số 12/BB-UBND", None],
    ])
    save(openpyxl, folder, "openpyxl-selfreport-points-error.xlsx", "Tự kiểm tra", [
        SELF_HEAD,
        ["VP", "1.1.5", 2, "96/100", "Đã số hoá 96 hồ sơ", "Báo cáo số 5/BC-VP", None],
        ["VP", "1.1.6", "#DIV/0!", None, "Đã tổ chức 2 buổi đối thoại", "Biên bản số 12/BB-UBND", None],
    ])
    # (b) A unit list renaming KT to an error value.
    save(openpyxl, folder, "openpyxl-units-error.xlsx", "Đơn vị", [
        UNIT_HEAD,
        ["VP", "Văn phòng HĐND và UBND", "co-quan-chuyen-mon"],
        ["KT", "#N/A", "co-quan-chuyen-mon"],
    ])
    # (c) openpyxl cannot write a formula's computed value: its formula cell has none, and is refused.
    ws = save(openpyxl, folder, "openpyxl-selfreport-formula.xlsx", "Tự kiểm tra", [
        SELF_HEAD,
        ["VP", "1.1.5", "=1+1", "96/100", "Đã số hoá 96 hồ sơ", "Báo cáo số 5/BC-VP", None],
    ])
    assert ws["C2"].data_type == "f"
    # (d) A unit list of two columns: the kinds stay as stored.
    save(openpyxl, folder, "openpyxl-units-two-columns.xlsx", "Đơn vị", [
        UNIT_HEAD[:2],
        ["KT", "Phòng Kinh tế"],
    ])
    # (e) Codes in lower case: the units already stored, renamed.
    save(openpyxl, folder, "openpyxl-units-lower-case.xlsx", "Đơn vị", [
        UNIT_HEAD,
        ["kt", "Phòng Kinh tế", "co-quan-chuyen-mon"],
        ["vhxh", "Phòng Văn hoá - Xã hội", "co-quan-chuyen-mon"],
    ])


if __name__ == "__main__":
    main()
