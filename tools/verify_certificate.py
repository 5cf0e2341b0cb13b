#!/usr/bin/env python3
"""积分证明验证工具（给银行用）：只需 Python 3 和 cryptography 包，以及村里提供的公钥。

    python verify_certificate.py --key 村公钥(64位十六进制) '扫码得到的内容'
    python verify_certificate.py --key 村公钥 --file 内容.txt

打印证明上的各项内容和结论：OK（真实，由本村出具）或 伪造。退出码：0 真实，1 伪造，2 用法错误。
核对公钥时，请对照村里告知的公钥短码（XXXX-XXXX-XXXX，前 12 位）。

This script does not import pointsapp: it repeats ``pointsapp/services/credit/payload.py`` (a test keeps the two
in step). The payload: ``JF1~facts~signature~link~…``; the facts are signed by the issuing operator's Ed25519 key,
each link is a key registration signed by the next link's key, the last by the village's (root) key.
"""
from __future__ import annotations

import argparse
import base64
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PREFIX = "JF1"
SIGNED_HEAD = "pointsapp-certificate/1\n"
MAX_LINKS = 8


class Forged(Exception):
    pass


def unescape(text):
    return re.sub(r"%(25|7C|7E|0A|0D)", lambda m: chr(int(m.group(1), 16)), text)


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def pairs(text):
    out = []
    for part in filter(None, text.split(",")):
        a, b = part.split(":")
        out.append((int(a), int(b)))
    return out


def valid(public_key, signature, text):
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, text.encode("utf-8"))
        return True
    except (InvalidSignature, ValueError):
        return False


def registration(link):
    user, name, role, stamp, key, _sig = link.split("|")
    stamp = unescape(stamp)
    if re.fullmatch(r"\d{14}", stamp):
        stamp = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[8:10]}:{stamp[10:12]}:{stamp[12:]}"
    return (f"pointsapp-key/1\n{int(user)}\n{unescape(name)}\n{unescape(role)}\n{unb64(key).hex()}\n{stamp}",
            unescape(name), unescape(role), unb64(key), unb64(_sig))


def verify(payload, village_key):
    """The facts (a dict) when genuine; raises Forged with the reason in Chinese."""
    try:
        parts = payload.strip().split("~")
        if len(parts) < 3 or parts[0] != PREFIX or len(parts) > 3 + MAX_LINKS:
            raise ValueError
        f = [unescape(p) for p in parts[1].split("|")]
        if len(f) != 10 or not re.fullmatch(r"\d{8}", f[5]):
            raise ValueError
        facts = {"serial": f[0], "village_code": f[1], "village": f[2], "household_no": f[3], "head": f[4],
                 "issued_on": f"{f[5][:4]}-{f[5][4:6]}-{f[5][6:]}", "years": pairs(f[6]), "available": int(f[7]),
                 "stars": None if f[8] == "-" else int(f[8]), "black": None if f[9] == "-" else pairs(f[9])}
        signature = unb64(parts[2])
        links = [registration(p) for p in parts[3:]]
    except (ValueError, TypeError):
        raise Forged("不是积分证明的二维码内容，或内容不完整")
    signer = links[0][3] if links else village_key
    if not valid(signer, signature, SIGNED_HEAD + parts[1]):
        raise Forged("证明内容的签名无效：内容被改动过，或不是登记过的密钥所签")
    for i, (text, _name, _role, _key, sig) in enumerate(links):
        registrar = links[i + 1] if i + 1 < len(links) else None
        if registrar is not None and registrar[2] != "admin":
            raise Forged("签发人的密钥不是由管理员登记的")
        if not valid(registrar[3] if registrar else village_key, sig, text):
            raise Forged("签发人的密钥不能追溯到本村的公钥：不是本村出具的证明")
    facts["issuer"] = links[0][1] if links else ""
    return facts


def describe(facts):
    lines = [f"证明编号：{facts['serial']}",
             f"村：{facts['village']}（{facts['village_code']}）",
             f"户号：{facts['household_no']}　户主：{facts['head']}",
             f"出具日期：{facts['issued_on']}"]
    lines += [f"{year} 年获得积分：{points}" for year, points in facts["years"]]
    lines.append(f"当前可用积分：{facts['available']}")
    lines.append(f"星级：{facts['stars']} 星" if facts["stars"] is not None else "星级：户主未同意出具")
    if facts["black"] is None:
        lines.append("黑榜记录：户主未同意出具")
    else:
        lines += [f"{year} 年上黑榜：{n} 次" for year, n in facts["black"]]
    if facts["issuer"]:
        lines.append(f"签发人（操作员）：{facts['issuer']}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description="验证村民积分证明二维码（只需村的公钥）")
    parser.add_argument("--key", required=True, help="村的公钥：64 位十六进制（pointsapp certificate public-key）")
    parser.add_argument("payload", nargs="?", help="扫码得到的内容")
    parser.add_argument("--file", help="从文件读扫码内容")
    args = parser.parse_args(argv)
    try:
        key = bytes.fromhex(args.key.strip())
        if len(key) != 32:
            raise ValueError
    except ValueError:
        print("公钥格式不对：应为 64 位十六进制", file=sys.stderr)
        return 2
    if args.file:
        with open(args.file, encoding="utf-8") as handle:
            text = handle.read()
    elif args.payload:
        text = args.payload
    else:
        print("请给出扫码内容或 --file", file=sys.stderr)
        return 2
    code = key.hex()[:12].upper()
    print(f"村公钥短码：{code[:4]}-{code[4:8]}-{code[8:]}")
    try:
        facts = verify(text, key)
    except Forged as forged:
        print(f"伪造：{forged}")
        return 1
    for line in describe(facts):
        print(line)
    print("OK：签名有效，这份积分证明由持有该公钥的村出具，内容未被改动。")
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
