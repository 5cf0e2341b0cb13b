"""``pointsapp certificate …``: a household's points certificate for a bank (积分证明), checking one, the village's
public key the bank needs, the list of what was issued, and the whole-village credit list (整村授信)."""
from __future__ import annotations

from pointsapp.cli._groups import command_group
from pointsapp.cli._options import VILLAGE_IF_ONE, command
from pointsapp.errors import UserError
from pointsapp.services.credit import certificates
from pointsapp.services.register.print_scope import find_household
from pointsapp.services.register.villages import find_village


def register(sub) -> None:
    group = command_group(sub, "certificate")
    p = command(group, "issue", "出具一户的积分证明（A4 PDF，带银行可验证的签名二维码）", run_issue,
                village=VILLAGE_IF_ONE)
    p.add_argument("--household", required=True, metavar="NO", help="户号")
    p.add_argument("--out", required=True, help="PDF 文件")
    p.add_argument("--years", type=int, default=3, help="列出最近几年的积分（默认 3）")
    p.add_argument("--consent", action="store_true", help="户主同意出具（必须）")
    p.add_argument("--no-stars", action="store_true", help="户主不同意出具星级")
    p.add_argument("--no-black-board", action="store_true", help="户主不同意出具黑榜记录")

    p = command(group, "verify", "验证积分证明二维码内容；伪造时退出码非 0", run_verify)
    p.add_argument("payload", nargs="?", metavar="PAYLOAD", help="扫码得到的内容（JF1~…）")
    p.add_argument("--image", help="从证明的照片或扫描件（PNG/JPG）读二维码（需要 zxing-cpp）")

    command(group, "public-key", "显示银行验证积分证明所需的村公钥", run_public_key)

    command(group, "list", "列出出具过的积分证明及其状态", run_list, village=True)

    p = command(group, "revoke", "作废一份积分证明（之后验证时显示已作废）", run_revoke)
    p.add_argument("--serial", required=True, help="证明编号")
    p.add_argument("--reason", required=True, help="作废原因")

    p = command(group, "village-list", "导出整村授信积分名单（.xlsx，身份证号隐去中间位）", run_village_list,
                village=VILLAGE_IF_ONE, out=".xlsx 文件")
    p.add_argument("--years", type=int, default=3, help="最近几年（默认 3）")


def run_issue(ctx) -> int:
    from pointsapp.cli.prints import write_pdf
    from pointsapp.printing.credit_certificate import render_certificate

    a = ctx.args
    village = find_village(a.village)
    household = find_household(village.id, a.household)
    cert = certificates.issue(actor=ctx.actor, household_id=household.id, consent=a.consent, years=a.years,
                              show_stars=not a.no_stars, show_black_board=not a.no_black_board)
    write_pdf(a.out, lambda path: render_certificate(path, cert))
    print(f"已出具积分证明 {cert.serial}：{household.household_no} {household.head_name}，已印到 {a.out}")
    return 0


def _read_image(path: str) -> str:
    try:
        import zxingcpp
        from PIL import Image
    except ImportError as exc:
        raise UserError("读取图片中的二维码需要 zxing-cpp，请直接输入扫码得到的内容。") from exc
    try:
        with Image.open(path) as image:
            found = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    except OSError as exc:
        raise UserError(f"无法读取图片 {path}：{exc}") from exc
    texts = [b.text for b in found if b.text.startswith("JF1~")]
    if not texts:
        raise UserError(f"图片 {path} 中没有找到积分证明的二维码。")
    return texts[0]


def run_verify(ctx) -> int:
    a = ctx.args
    if a.image:
        payload = _read_image(a.image)
    elif a.payload:
        payload = a.payload
    else:
        raise UserError("请给出扫码内容或 --image 图片。")
    checked = certificates.check(actor=ctx.actor, payload=payload)
    print(f"村公钥短码：{checked.root_code}")
    if not checked.valid:
        print(f"伪造：{checked.reason}")
        return 1
    for line in certificates.describe(checked.facts):
        print(line)
    if checked.issuer:
        print(f"签发人（操作员）：{checked.issuer}")
    if checked.standing:
        print(f"本系统记录：{checked.standing}")
    print("OK：签名有效，由本村出具，内容未被改动。")
    return 0


def run_public_key(ctx) -> int:
    key, code = certificates.public_key(actor=ctx.actor)
    print(key)
    print(f"短码：{code}（请把公钥交给银行，并当面或电话核对短码）")
    print("银行验证：python verify_certificate.py --key 公钥 '扫码内容'")
    return 0


def run_list(ctx) -> int:
    code = find_village(ctx.args.village).code if ctx.args.village else None
    rows = certificates.issued(actor=ctx.actor, village_code=code)
    if not rows:
        print("还没有出具过积分证明。")
    for row in rows:
        print(f"{row.serial}\t{row.household_no}\t{row.issued_at}\t{row.issued_by}\t{row.status}")
    return 0


def run_revoke(ctx) -> int:
    row = certificates.revoke(actor=ctx.actor, serial=ctx.args.serial, reason=ctx.args.reason)
    print(f"积分证明 {row.serial}（户号 {row.household_no}）：{row.status}")
    return 0


def run_village_list(ctx) -> int:
    from pointsapp.services.credit.village_list import village_list_xlsx

    village = find_village(ctx.args.village)
    count = village_list_xlsx(actor=ctx.actor, village_id=village.id, path=ctx.args.out, years=ctx.args.years)
    print(f"已导出{village.name}整村授信名单：{count} 户，{ctx.args.out}")
    return 0
