"""``pointsapp manual --out F``: the user manual (docs/manual) as a printable PDF; ``pointsapp --lang en manual``
prints the English chapters (docs/manual/en) with English page furniture. Needs no database."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("manual", help="把使用手册生成为可打印的 PDF（--lang en 在命令前：英文版）")
    p.add_argument("--out", default="使用手册.pdf", help="PDF 文件名，默认 使用手册.pdf")
    p.set_defaults(handler=run, needs_db=False)


def run(ctx) -> int:
    from pointsapp.printing.manual import manual_pdf

    titles = manual_pdf(ctx.args.out)
    print(f"已生成使用手册：{ctx.args.out}（{len(titles)} 章）")
    return 0
