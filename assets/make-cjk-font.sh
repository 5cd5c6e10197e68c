#!/usr/bin/env bash
# Remakes assets/NotoSansSC-Tideline.otf: Noto Sans CJK SC Regular cut down to GB2312 level 1
# (rows 1-9 symbols and the 3,755 level-1 hanzi), CJK punctuation and full-width forms, and
# every other non-ASCII character of the Chinese catalogue and of the bundled scenarios.
# Needs Debian's fonts-noto-cjk and fonttools (pip install fonttools). Run from the repository
# root after adding Chinese text that may use characters outside GB2312 level 1.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
chars=$(mktemp)
python3 - "$chars" <<'PY'
import pathlib, sys
chars = set()
# GB2312 rows 1-9 (symbols, full-width forms, kana, Greek, Cyrillic) and 16-55 (level-1 hanzi).
for row in list(range(1, 10)) + list(range(16, 56)):
    for cell in range(1, 95):
        try:
            chars.add(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
chars.update(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
for path in ["src/i18n/zh_cn.rs", *map(str, pathlib.Path("scenarios").glob("*.ron"))]:
    chars.update(c for c in pathlib.Path(path).read_text(encoding="utf-8") if ord(c) > 0x7F)
pathlib.Path(sys.argv[1]).write_text("".join(sorted(chars)), encoding="utf-8")
print(f"{len(chars)} characters", file=sys.stderr)
PY
# Font number 2 of the collection is Noto Sans CJK SC.
pyftsubset "$src" --font-number=2 --text-file="$chars" \
  --no-hinting \
  --name-IDs='*' --name-languages='*' \
  --output-file=assets/NotoSansSC-Tideline.otf
rm -f "$chars"
ls -l assets/NotoSansSC-Tideline.otf
