"""``check`` of the signatures: every key's registration back to the installation's root, every signed write's
chain link and signature, and every ledger row, review step, redemption, stock move and user role against the
signed write that covers it. Each problem is one Chinese line naming the row (household and row ids)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from pointsapp.models import (
    LedgerEntry,
    Redemption,
    SignedWrite,
    SigningHead,
    SigningKey,
    StockMove,
    User,
)
from pointsapp.services.signing import keys, writes

UNSIGNED = "签名"


@dataclass
class Verified:
    """What the signatures prove, gathered once for the checks below."""

    keys: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # key id → (user, public key, role)
    writes: dict[int, tuple[str, int, str]] = field(default_factory=dict)  # write id → (kind, user, payload)
    sections: list[tuple[int, str, int, str]] = field(default_factory=list)  # (write id, kind, user, payload)
    marker: dict = field(default_factory=dict)  # the upgrade marker's payload ({} on a database born signing)
    problems: list[str] = field(default_factory=list)
    _review_steps: list[tuple[int, dict, list[int]]] | None = None  # see review_steps()


def _registration_fields(text: str) -> list[str]:
    return text.split("\n")


def _verify_key(key, roots: list, found: Verified) -> str | None:
    parts = _registration_fields(key.registration)
    if not key.registration_signature:
        return f"用户 #{key.user_id} 的签名密钥 #{key.id} 尚未由管理员登记（管理员登录后自动登记）"
    if len(parts) != 6 or parts[0] != "pointsapp-key/1" or parts[1] != str(key.user_id) or \
            parts[4] != key.public_key:
        return f"签名密钥 #{key.id}（用户 #{key.user_id}）的登记内容与密钥不符"
    if key.registered_by_id is None:
        ok = key is roots[0] and parts[3] == "admin" and \
            keys.verify(key.public_key, key.registration_signature, key.registration)
    else:
        registrar = found.keys.get(key.registered_by_id)
        ok = registrar is not None and registrar[2] == "admin" and \
            keys.verify(registrar[1], key.registration_signature, key.registration)
    if not ok:
        return f"签名密钥 #{key.id}（用户 #{key.user_id}）的登记没有有效的管理员签名"
    found.keys[key.id] = (key.user_id, key.public_key, parts[3])
    return None


def gather() -> Verified:
    found = Verified()
    key_rows = list(SigningKey.select().order_by(SigningKey.id))
    roots = [k for k in key_rows if k.registered_by_id is None]
    if len(roots) > 1:
        found.problems.append("有 {0} 把自称安装根密钥的密钥（#{1}）：只能有一把".format(
            len(roots), "、#".join(str(k.id) for k in roots)))
    # registrars before the keys they registered (a key made waiting is registered by a later administrator key)
    todo, progress = list(key_rows), True
    while todo and progress:
        progress, waiting = False, []
        for key in todo:
            if key.registered_by_id is not None and key.registration_signature and \
                    key.registered_by_id not in found.keys and any(k.id == key.registered_by_id for k in todo):
                waiting.append(key)
                continue
            progress = True
            problem = _verify_key(key, roots, found)
            if problem:
                found.problems.append(problem)
        todo = waiting
    for key in todo:
        found.problems.append(f"签名密钥 #{key.id}（用户 #{key.user_id}）的登记没有有效的管理员签名")
    prev, last_id = writes.GENESIS, 0
    query = SignedWrite.select(SignedWrite.id, SignedWrite.kind, SignedWrite.key_id, SignedWrite.signed_at,
                               SignedWrite.payload, SignedWrite.prev, SignedWrite.digest,
                               SignedWrite.signature).order_by(SignedWrite.id).tuples()
    for write_id, kind, key_id, signed_at, payload, link, digest, signature in query.iterator():
        if link != prev:
            found.problems.append(f"签名记录 #{write_id} 与前一条签名记录的链接不符：前面有签名记录被删除或改动")
        if kind == writes.UPGRADE and key_id is None and last_id == 0:
            text = writes.signed_text(kind, "", writes.stamp(signed_at), link, payload)
            if writes.digest_of(text) != digest:
                found.problems.append(f"升级标记 #{write_id} 被改动过")
            else:
                found.marker = json.loads(payload)
        else:
            key = found.keys.get(key_id)
            text = writes.signed_text(kind, key[1] if key else "", writes.stamp(signed_at), link, payload)
            if key is None:
                found.problems.append(f"签名记录 #{write_id} 的签名密钥 #{key_id} 不是登记过的密钥")
            elif writes.digest_of(text) != digest or not keys.verify(key[1], signature, text):
                found.problems.append(f"签名记录 #{write_id}（{kind}）的签名无效：内容被改动过或是伪造的")
            else:
                found.writes[write_id] = (kind, key[0], payload)
                found.sections.extend((write_id, part, key[0], text) for part, text in writes.sections(kind, payload))
        prev, last_id = digest, write_id
    head = SigningHead.get_or_none(SigningHead.id == 1)
    if head is not None and (head.last_write_id, head.last_digest) != (last_id, prev):
        found.problems.append(f"签名链头（第 {head.last_write_id} 条）与签名记录（第 {last_id} 条）不符：末尾有签名记录被删除")
    return found


def keys_and_writes(found: Verified) -> Iterator[str]:
    yield from found.problems


def review_steps(found: Verified) -> list[tuple[int, dict, list[int]]]:
    """Each valid signed review step: (its write, its fields, the entries it moved), parsed once per check."""
    if found._review_steps is None:
        found._review_steps = []
        for write_id, kind, _user, payload in found.sections:
            if kind == writes.STATUS:
                f = writes.fields(payload)
                found._review_steps.append((write_id, f, writes.unfold(f["ids"])))
    return found._review_steps


def made_effective_by(found: Verified) -> dict[int, int]:
    """Each ledger row a valid signed review step made effective → that step's signed write. The writes are numbered
    in the order they were made (one signing chain), and a household's writes wait for each other on its balance
    row: so the numbers order what happened to a household's points whatever the stations' clocks say."""
    made: dict[int, int] = {}
    for write_id, f, ids in review_steps(found):
        if f["status"] == "effective":
            for entry_id in ids:
                made.setdefault(entry_id, write_id)
    return made


def _states(payload: str) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for run in writes.fields(payload)["states"].split(","):
        state, _, count = run.rpartition("*")
        status, _, reviewer = state.partition("/")
        out.extend([(status, int(reviewer) if reviewer else None)] * int(count))
    return out


def ledger(found: Verified) -> Iterator[str]:
    """Each ledger row appended by a valid signed write of its creator, and in the state its signatures say."""
    pre_max = int(found.marker.get("ledger_max_id", 0))
    steps: dict[int, list] = {}  # entry → [status, reviewer, notice] as the signed review steps left it
    step_ids: list[tuple[int, list[int], str]] = []
    for write_id, f, ids in review_steps(found):
        step_ids.append((write_id, ids, f["hashes"]))
        for entry_id in ids:
            state = steps.setdefault(entry_id, [None, "-", "-"])
            state[0] = f["status"]
            if f["reviewed_by"] != "-":
                state[1] = int(f["reviewed_by"])
            if f["notice"] != "-":
                state[2] = int(f["notice"])
    wanted_hashes = {i for _w, ids, _h in step_ids for i in ids}
    hashes: dict[int, str] = {}
    appends = {w for w, (kind, _u, _p) in found.writes.items() if kind == writes.APPEND}
    seen_appends: set[int] = set()
    query = (LedgerEntry.select(LedgerEntry.id, LedgerEntry.household, LedgerEntry.seq, LedgerEntry.created_by,
                                LedgerEntry.hash, LedgerEntry.status, LedgerEntry.reviewed_by, LedgerEntry.notice,
                                LedgerEntry.signed_write)
             .order_by(LedgerEntry.signed_write, LedgerEntry.id).tuples())
    group: list[tuple] = []

    def finish(rows: list[tuple]) -> Iterator[str]:
        write_id = rows[0][8]
        where = "、".join(f"#{r[0]}（户 #{r[1]} 第 {r[2]} 条）" for r in rows[:5]) + ("等" if len(rows) > 5 else "")
        write = found.writes.get(write_id) if write_id in appends else None
        if write is None:
            yield f"积分记录 {where} 所指的签名记录 #{write_id} 无效或不存在：这些记录没有有效签名"
            return
        seen_appends.add(write_id)
        _kind, user, payload = write
        f = writes.fields(payload)
        if int(f["rows"]) != len(rows) or writes.hashes_digest(r[4] for r in rows) != f["hashes"]:
            yield (f"签名记录 #{write_id} 签的是 {f['rows']} 条积分记录，账本里的 {where} 与签名不符："
                   "有记录被插入、删除或改动")
            return
        for row, (status, reviewer) in zip(rows, _states(payload)):
            entry_id, household, seq, created_by = row[:4]
            if created_by != user:
                yield f"积分记录 #{entry_id}（户 #{household} 第 {seq} 条）以用户 #{created_by} 的名义录入，签名的却是用户 #{user}"
            state = steps.get(entry_id)
            expected = (status, reviewer, None) if state is None else (
                state[0], reviewer if state[1] == "-" else state[1], None if state[2] == "-" else state[2])
            yield from _state_problem(row, expected, notice_known=state is not None and state[2] != "-")

    for row in query.iterator():
        if row[0] in wanted_hashes:
            hashes[row[0]] = row[4]
        if row[8] is None:
            if row[0] > pre_max:
                yield f"积分记录 #{row[0]}（户 #{row[1]} 第 {row[2]} 条）没有签名：不是通过本程序写入的"
            elif row[0] in steps:
                state = steps[row[0]]
                yield from _state_problem(row, (state[0], row[6] if state[1] == "-" else state[1], None),
                                          notice_known=False)
            continue
        if group and group[0][8] != row[8]:
            yield from finish(group)
            group = []
        group.append(row)
    if group:
        yield from finish(group)
    for write_id in sorted(appends - seen_appends):
        yield f"签名记录 #{write_id} 签过的积分记录全都不见了（被删除）"
    for write_id, ids, signed in step_ids:
        if any(i not in hashes for i in ids) or writes.hashes_digest(hashes[i] for i in ids) != signed:
            yield f"审核签名 #{write_id} 所签的积分记录被删除或改动过"


def _state_problem(row: tuple, expected: tuple, *, notice_known: bool) -> Iterator[str]:
    entry_id, household, seq = row[:3]
    status, reviewer = row[5], row[6]
    if status != expected[0]:
        yield (f"积分记录 #{entry_id}（户 #{household} 第 {seq} 条）的状态是“{status}”，"
               f"签名的却是“{expected[0]}”：状态被改动过（未经审核签名）")
    elif reviewer != expected[1]:
        yield (f"积分记录 #{entry_id}（户 #{household} 第 {seq} 条）的审核人是用户 #{reviewer}，"
               f"签名的审核人却是 #{expected[1]}：有人冒用他人名义审核")
    elif notice_known and row[7] != expected[2]:
        yield f"积分记录 #{entry_id}（户 #{household} 第 {seq} 条）所属的公示与签名不符"


def shop(found: Verified) -> Iterator[str]:
    """Each redemption as its last signature left it, each stock move signed by whoever made it."""
    signed_line: dict[int, tuple[str, int]] = {}  # redemption → (line, signer)
    moves_of: list[tuple[int, list[int], str, int]] = []  # (write, move ids, their digest, signer)
    for write_id, kind, user, payload in found.sections:
        if kind != writes.SHOP:
            continue
        for line in payload.splitlines():
            if line.startswith("r:"):
                signed_line[int(line.split(":")[1])] = (line, user)
        f = writes.fields(payload)
        moves_of.append((write_id, writes.unfold(f["moves"]), f["moves_digest"], user))
    pre_redemption = int(found.marker.get("redemption_max_id", 0))
    people = {rid: (created, voided) for rid, created, voided in Redemption.select(
        Redemption.id, Redemption.created_by, Redemption.voided_by).tuples()}
    ids = sorted(people)
    for start in range(0, len(ids), 5000):
        for rid, line in writes.redemption_lines(ids[start:start + 5000]).items():
            signed = signed_line.get(rid)
            if signed is None:
                if rid > pre_redemption:
                    yield f"兑换单 #{rid} 没有签名：不是通过本程序写入的"
            elif signed[0] != line:
                yield f"兑换单 #{rid} 与收银员的签名不符：总分、明细或状态被改动过"
            elif signed[1] not in people[rid]:
                yield f"兑换单 #{rid} 的签名人用户 #{signed[1]} 既不是办理人也不是作废人"
    wrong_total = (Redemption.select(Redemption.id, Redemption.total_points, LedgerEntry.points)
                   .join(LedgerEntry, on=(Redemption.ledger_entry == LedgerEntry.id))
                   .where((Redemption.total_points + LedgerEntry.points) != 0).tuples())
    for rid, total, points in wrong_total:
        yield f"兑换单 #{rid} 的总分 {total} 与它的积分记录（{points}）不符"
    covered: dict[int, int] = {}
    for write_id, move_ids, signed, user in moves_of:
        rows = writes.stock_rows(move_ids)
        if [r[0] for r in rows] != sorted(set(move_ids)) or writes.moves_digest(rows) != signed:
            yield f"签名记录 #{write_id} 所签的出入库记录被删除或改动过"
        for r in rows:
            covered[r[0]] = user
    pre_move = int(found.marker.get("stock_move_max_id", 0))
    for move_id, product, quantity, created_by, redemption_id in StockMove.select(
            StockMove.id, StockMove.product, StockMove.quantity, StockMove.created_by, StockMove.redemption).where(
            StockMove.id > pre_move).tuples().iterator():
        signer = covered.get(move_id)
        if redemption_id is not None:  # signed with its redemption (checked above)
            if redemption_id not in signed_line:
                yield f"出入库记录 #{move_id}（商品 #{product}，数量 {quantity}）所属的兑换单 #{redemption_id} 没有签名"
        elif signer is None:
            yield f"出入库记录 #{move_id}（商品 #{product}，数量 {quantity}）没有签名：不是通过本程序写入的"
        elif signer != created_by:
            yield f"出入库记录 #{move_id} 以用户 #{created_by} 的名义写入，签名的却是用户 #{signer}"


def users(found: Verified) -> Iterator[str]:
    """Each user's role and state as an administrator's signature (or the key registration, or the upgrade) says."""
    signed: dict[int, tuple[str, bool]] = {}
    for _write_id, kind, _user, payload in found.sections:
        if kind == writes.USER:
            f = writes.fields(payload)
            signed[int(f["user"])] = (f["role"], f["active"] == "1")
    registered: dict[int, str] = {}
    for user_id, _public, role in found.keys.values():  # in key order: the latest registration wins
        registered[user_id] = role
    upgrade = {int(k): (v[0], bool(v[1])) for k, v in found.marker.get("users", {}).items()}
    for user_id, username, role, active in User.select(User.id, User.username, User.role, User.active).tuples():
        if user_id in signed:
            want = signed[user_id]
        elif user_id in registered:
            want = (registered[user_id], active if user_id in upgrade else True)
        elif user_id in upgrade:
            want = upgrade[user_id]
        else:
            if role == "admin" or active:
                yield f"用户 {username}（#{user_id}）的角色“{role}”没有管理员签名"
            continue
        if (role, bool(active)) != (want[0], want[1]):
            yield (f"用户 {username}（#{user_id}）的角色或状态（{role}，{'启用' if active else '停用'}）"
                   f"与管理员签名的（{want[0]}，{'启用' if want[1] else '停用'}）不符：被直接改过")


def notes(found: Verified) -> list[str]:
    """What ``check`` says besides problems: the history from before signing, and the installation's root."""
    out = []
    if found.marker:
        out.append("升级前写入的 {0} 条积分记录（#{1} 及以前）、兑换单（#{2} 及以前）和出入库记录（#{3} 及以前）写于签名之前，"
                   "没有签名：它们由各户的防篡改链和公示上的账本指纹保护。".format(
                       found.marker.get("ledger_rows", 0), found.marker.get("ledger_max_id", 0),
                       found.marker.get("redemption_max_id", 0), found.marker.get("stock_move_max_id", 0)))
    root = keys.root_key()
    if root is not None:
        code = root.public_key[:12].upper()
        out.append(f"安装根密钥：{code[:4]}-{code[4:8]}-{code[8:]}（用户 #{root.user_id}），"
                   f"共 {len(found.keys)} 把有效密钥、{len(found.writes)} 条有效签名记录。")
    return out


def audit(found: Verified) -> Iterator[str]:
    """The audit rows each signed write transaction sealed are still there, unchanged."""
    from pointsapp.services.signing import seal

    for write_id, kind, _user, payload in found.sections:
        if kind != writes.AUDIT:
            continue
        f = writes.fields(payload)
        ids = writes.unfold(f["audit"])
        rows = seal.audit_rows(ids)
        if [r[0] for r in rows] != sorted(set(ids)):
            gone = sorted(set(ids) - {r[0] for r in rows})
            yield f"操作日志 #{'、#'.join(map(str, gone[:10]))} 被删除了（签名记录 #{write_id} 封存过它们）"
        elif writes.digest_of("\n".join(seal.audit_line(r) for r in rows)) != f["audit_digest"]:
            yield f"签名记录 #{write_id} 封存的操作日志（#{'、#'.join(map(str, ids[:10]))}）被改动过"
