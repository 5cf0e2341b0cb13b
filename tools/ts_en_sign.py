"""English for the signing texts of issue 21 (services/signing): applied by tools/ts_fill.py with the others."""

TRANSLATIONS = {
    "用户 #{0} 的签名密钥没有解锁，不能写入。请重新登录后再操作。":
        "The signing key of user #{0} is not unlocked, so nothing can be written. Please sign in again.",
}
