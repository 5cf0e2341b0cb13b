"""English for the points certificate for a bank (issue 26: services/credit, printing/credit_certificate,
ui/certificate_dialog): applied by tools/ts_fill.py with the others."""

TRANSLATIONS = {
    # services/credit
    "本系统还没有安装根密钥，不能出具可验证的积分证明。":
        "This installation has no root key yet, so no verifiable points certificate can be issued.",
    "您的签名密钥尚未由管理员登记，不能出具积分证明。请管理员登录一次后再试。":
        "Your signing key has not been registered by an administrator yet, so you cannot issue a points "
        "certificate. Ask an administrator to sign in once, then try again.",
    "户主同意出具后才能出具积分证明：请勾选“户主同意出具”。":
        "A points certificate needs the head of household's consent: tick \"Head of household consents\".",
    "年数应在 1 到 {0} 之间。": "The number of years must be between 1 and {0}.",
    "找不到这一户。": "Household not found.",
    "找不到这个村。": "Village not found.",
    "这一户已归档，不能出具积分证明。": "This household is archived: no points certificate can be issued for it.",
    "已作废": "Revoked",
    "已被新证明取代": "Superseded by a newer certificate",
    "有效": "Valid",
    "请填写作废原因。": "Please give the reason for revoking.",
    "没有编号为 {0} 的积分证明。": "There is no points certificate numbered {0}.",
    "本系统没有出具记录": "Not issued by this system",
    "不是积分证明的二维码内容，或内容不完整": "Not the QR content of a points certificate, or incomplete",
    "证明内容的签名无效：内容被改动过，或不是登记过的密钥所签":
        "The signature on the certificate is invalid: its content was changed, or no registered key signed it",
    "签发人的密钥不是由管理员登记的": "The issuer's key was not registered by an administrator",
    "签发人的密钥不能追溯到本村的公钥：不是本村出具的证明":
        "The issuer's key does not lead back to this village's public key: this village did not issue it",
    "证明编号：{0}": "Certificate no.: {0}",
    "村：{0}（{1}）": "Village: {0} ({1})",
    "户号：{0}　户主：{1}": "Household no.: {0}  Head: {1}",
    "出具日期：{0}": "Issued on: {0}",
    "{0} 年获得积分：{1}": "Points earned in {0}: {1}",
    "当前可用积分：{0}": "Available points now: {0}",
    "星级：{0} 星": "Stars: {0}",
    "星级：户主未同意出具": "Stars: not shown (no consent of the head of household)",
    "黑榜记录：户主未同意出具": "Black board: not shown (no consent of the head of household)",
    "{0} 年上黑榜：{1} 次": "On the black board in {0}: {1} times",
    "整村授信名单": "Village credit list",
    "{0} 整村授信积分名单": "{0} points list for whole-village credit",
    "村代码": "Village code",
    "出具日期": "Issued on",
    "身份证号只显示前 4 位和后 4 位；{0} 年的积分截至出具日。":
        "ID numbers show only their first and last 4 characters; points of {0} are up to the day of issue.",
    "户号": "Household no.",
    "小组": "Group",
    "户主": "Head",
    "户主身份证号": "Head's ID number",
    "家庭人口": "Household size",
    "{0}年积分": "Points {0}",
    "可用积分": "Available points",
    "星级数": "Stars",
    "星级": "Star names",
    "{0}年上黑榜次数": "Black board {0}",
    "无法保存文件 {0}：{1}": "Cannot save the file {0}: {1}",
    # printing/credit_certificate
    "村民积分证明": "Villager points certificate",
    "{0}（{1} {2}）": "{0} ({1} {2})",
    "证明编号": "Certificate no.",
    "村": "Village",
    "（未登记）": "(not recorded)",
    "{0} 人": "{0}",
    "年度": "Year",
    "获得积分": "Points earned",
    "上黑榜次数": "Black-board entries",
    "{0} 年（截至{1}）": "{0} (up to {1})",
    "{0} 年": "{0}",
    "户主未同意出具": "not shown (no consent)",
    "当前可用积分": "Available points now",
    "兹证明 {0}{1} {2} 户（户号 {3}）在本村村民积分制管理中的积分情况如下。本证明经户主同意出具，只载明户主同意出具的内容。":
        "This certifies the points of the household of {2}, {0} {1} (household no. {3}), under the village's "
        "points system, as follows. Issued with the consent of the head of household, it shows only what the head "
        "consented to.",
    "{0} 星（{1}）": "{0} stars ({1})",
    "无": "none",
    "现持有星级（星级文明户）：{0}": "Stars held now (civil household): {0}",
    "黑榜记录（扣分且未冲正）：": "Black-board entries (deductions not reversed):",
    "日期": "Date",
    "事项": "What",
    "扣分": "Points",
    "黑榜记录：以上年度无黑榜记录。": "Black board: no entries in these years.",
    "本村公钥短码：{0}": "Village public key short code: {0}",
    "扫码验证本证明": "Scan to verify this certificate",
    "二维码内含本证明的编号、户号、户主（隐去名字）、各年积分、可用积分、星级、黑榜次数和出具日期，由经办人的签名密钥签名，"
    "该密钥由本村根密钥登记。银行只需本村公钥即可验证：":
        "The QR code holds the certificate no., household no., head (name masked), points per year, available "
        "points, stars, black-board entries and date of issue, signed with the issuing operator's key, which the "
        "village's root key registered. A bank verifies it with the village's public key alone:",
    "经办人：{0}": "Issued by: {0}",
    "说明：“获得积分”为当年已生效的加分、扣分及其冲正之和；“可用积分”为出具日可在积分超市兑换的积分；"
    "身份证号只显示前 4 位和后 4 位。本证明以出具日的账本为准，二维码内容与纸面不符的，以二维码验证结果为准。":
        "Notes: \"points earned\" is the sum of the year's effective awards, deductions and their reversals; "
        "\"available points\" can be spent at the points supermarket on the day of issue; ID numbers show only "
        "their first and last 4 characters. The ledger on the day of issue is what counts; where the paper and the "
        "verified QR code differ, the QR code is right.",
    "　本户的记录都在这个指纹所覆盖的账本中。": "  This household's records are in the ledger this fingerprint covers.",
    "{0}村民委员会": "{0} Villagers' Committee",
    # ui/certificate_dialog, ui/household_dialog
    "出具积分证明": "Issue points certificate",
    "户主同意出具": "Head of household consents",
    "出具星级": "Show stars",
    "出具黑榜记录": "Show black-board entries",
    " 年": " years",
    "列出最近": "Last",
    "证明上只写户主同意出具的内容，身份证号隐去中间位。二维码由您的签名密钥签名，银行用本村公钥即可验证。出具会记入操作日志。":
        "The certificate shows only what the head of household consents to, with ID numbers masked. Its QR code is "
        "signed with your key; a bank verifies it with the village's public key. Issuing is logged.",
    "出具并保存 PDF…": "Issue and save PDF…",
    "关闭": "Close",
    "积分证明_{0}.pdf": "points_certificate_{0}.pdf",
    "保存积分证明": "Save points certificate",
    "PDF 文件 (*.pdf)": "PDF files (*.pdf)",
    "已出具积分证明 {0}，PDF 已保存。": "Points certificate {0} issued and its PDF saved.",
    "积分证明…": "Points certificate…",
    # audit words
    "校验值": "Digest",
    "户主同意": "Head's consent",
    "黑榜记录": "Black board",
}
