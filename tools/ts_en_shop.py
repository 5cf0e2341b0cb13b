"""English for the supermarket as villages run it (issue 26): cash for the difference, redemption days and limits,
shelf life, the points owed."""

TRANSLATIONS = {
    # the till: cash for the difference (F9)
    "现金补差": "Cash top-up",
    "商品合计 {0} 分，可用积分 {1} 分。\n本次使用积分（其余按每分 {2} 元收现金）：":
        "Basket total {0} points, available {1} points.\nPoints to use now (the rest in cash at {2} yuan a point):",
    "积分 {0} 分 + 现金 {1} 元": "{0} points + {1} yuan cash",
    "（F9 现金补差 {0} 元）": " (F9: top up {0} yuan in cash)",
    "请先扫积分卡和商品，再按 F9 现金补差。": "Scan the points card and the goods first, then press F9 to take cash.",
    "本村积分超市不收现金：差价不能用现金补足。":
        "This village's points supermarket takes no cash: the difference cannot be paid in cash.",
    "这户没有可用积分：积分超市的兑换至少要用 1 分。":
        "This household has no available points: a redemption must use at least 1 point.",
    "{0}。收好现金后按回车确认。": "{0}. Take the cash, then press Enter to confirm.",
    "，收现金 {0} 元": ", {0} yuan cash taken",
    "{0}户兑换成功：{1} 分{3}，剩余 {2} 分。请扫描下一位村民的积分卡。":
        "Redeemed for {0}: {1} points{3}, {2} points left. Scan the next villager's card.",
    # daily close and the drawer count
    "点钞…": "Count cash…",
    "现金：收 {0} 元，作废退还 {1} 元，钱箱应有 <b>{2}</b> 元。":
        "Cash: taken {0} yuan, given back by voids {1} yuan, the drawer should hold <b>{2}</b> yuan.",
    "<span style='color:#c8102e'>未点钞：{0}。</span>": "<span style='color:#c8102e'>Cash not counted: {0}.</span>",
    "<span style='color:#c8102e'>点钞与应收不符：{0}（见收银员汇总的差额原因）。</span>":
        "<span style='color:#c8102e'>Cash count differs: {0} (see the reason in the cashier summary).</span>",
    "作废后积分退回该户，现金 {0} 元退还村民，商品退回库存。确定作废？":
        "Voiding returns the points to the household, {0} yuan cash to the villager and the goods to stock. Void it?",
    "日结点钞": "Cash count at the daily close",
    "如 125.50": "e.g. 125.50",
    "与应收不符时必填，如：找零多找了五角": "Required when it differs, e.g. gave 0.50 too much change",
    "今天应收现金": "Cash expected today",
    "{0} 元": "{0} yuan",
    "钱箱实点（元）": "Counted in the drawer (yuan)",
    "差额": "Difference",
    "差额原因": "Reason for the difference",
    "保存点钞": "Save count",
    "相符": "Matches",
    "请填入钱箱里实际点到的现金。": "Enter the cash actually counted in the drawer.",
    "应收现金（元）": "Cash expected (yuan)",
    "点钞（元）": "Counted (yuan)",
    "差额（元）": "Difference (yuan)",
    "现金（元）": "Cash (yuan)",
    "收现金（元）": "Cash taken (yuan)",
    "作废退还现金（元）": "Cash given back by voids (yuan)",
    "钱箱应有（元）": "The drawer should hold (yuan)",
    # products, lots, shelf life
    "不限": "No limit",
    " 天": " days",
    "保质期": "Shelf life",
    "每户限兑": "Limit per household",
    "不填": "None",
    "按保质期推算": "From the shelf life",
    "每{0}进价，元（捐赠可不填）": "Cost per {0}, yuan (may be left empty for donations)",
    "生产日期": "Production date",
    "到期日": "Expiry date",
    "进价（元）": "Cost (yuan)",
    "进价": "Cost",
    "报废过期批次…": "Write off expired lots…",
    "报废过期批次": "Write off expired lots",
    "没有已过期的库存批次。": "No expired lots in stock.",
    "{0} {1}{2}（到期 {3}）": "{0} {1} {2} (expires {3})",
    "以下 {0} 批已过期，将出库报废：\n{1}\n\n报废原因：": "These {0} lots have expired and will be written off:\n{1}\n\nReason:",
    "过期销毁": "Expired, destroyed",
    "已过期 {0} 批：{1}": "{0} lots expired: {1}",
    "{0} 天内到期 {1} 批：{2}": "{1} lots expire within {0} days: {2}",
    "保质期预警——": "Shelf life warning — ",
    "；": "; ",
    "保质期预警天数（到期前多少天提醒）": "Shelf life warning (days before expiry)",
    "报废过期商品必须填写原因（如：过期销毁）。": "Writing off expired goods needs a reason (e.g. expired, destroyed).",
    "没有已过期的库存批次需要报废。": "There are no expired lots to write off.",
    "过期报废：{0}入库批次（到期 {1}）。{2}": "Expired write-off: lot received {0} (expired {1}). {2}",
    "进价（分）": "Cost (fen)",
    "生产日期 {0} 还没到。": "The production date {0} is in the future.",
    "到期日不能早于生产日期。": "The expiry date cannot be before the production date.",
    # settings: the village's shop policy
    "积分超市规则": "Supermarket rules",
    "积分不足时可用现金补足差价（也可只用部分积分）":
        "Cash may make up a shortfall of points (or pay part of a basket)",
    "如 1 或 0.50": "e.g. 1 or 0.50",
    "如 1-5 或 1-5, 15, 2027-01-20；空着表示每天都可兑换": "e.g. 1-5 or 1-5, 15, 2027-01-20; empty: every day",
    "保存超市规则": "Save supermarket rules",
    "每分积分折合（元）：": "One point is worth (yuan):",
    "兑换日：": "Redemption days:",
    "兑换日写每月的日子（如 1-5 表示每月 1 日到 5 日）或具体日期，用逗号分开。不在兑换日时，收银台拒绝兑换并告诉村民下一个兑换日。":
        "Write days of the month (1-5 means the 1st to the 5th of every month) or dates, separated by commas. "
        "On other days the till refuses redemptions and names the next redemption day.",
    "积分超市规则已保存。": "Supermarket rules saved.",
    # dashboard and reports: the points owed
    "保质期：已过期 {0} 批，临期 {1} 批": "Shelf life: {0} lots expired, {1} lots near expiry",
    "积分负债": "Points owed",
    "可用积分 {0} 分（折合 {1} 元），年底将清零 {2} 分；库存成本 {3} 元，其中捐赠 {4} 元":
        "{0} points available (worth {1} yuan), {2} points to be cleared at year end; "
        "stock at cost {3} yuan, of which donated {4} yuan",
    "积分负债（元）": "Points owed (yuan)",
    "库存成本（元）": "Stock at cost (yuan)",
    "年底清零": "Cleared at year end",
    "全镇共用商品": "Products shared by the township",
    "{0}小计": "Subtotal {0}",
    # receipts
    "积分支付：{0} 分": "Paid in points: {0}",
    "现金支付：{0} 元（{1} 分）": "Paid in cash: {0} yuan ({1} points)",
    "已退还积分 {0} 分、现金 {1} 元": "Given back: {0} points and {1} yuan cash",
    # service messages
    "只能录入当天的点钞；以前的日子需要管理员录入。": "Only today's cash can be counted; earlier days need an administrator.",
    "{0} 还没到，不能点钞。": "{0} has not come yet: no cash count.",
    "点钞金额": "Counted cash",
    "点钞金额必须在 0 到 {0} 元之间。": "The counted cash must be between 0 and {0} yuan.",
    "点钞 {0} 元与应收现金 {1} 元不符（差 {2} 元）：请填写原因。":
        "Counted {0} yuan differs from the expected {1} yuan (difference {2} yuan): please give a reason.",
    "每月": "per month",
    "每季度": "per quarter",
    "每年": "per year",
    "本月": "this month",
    "本季度": "this quarter",
    "今年": "this year",
    "每户限兑数量": "Limit per household",
    "限兑周期只能是每月、每季度或每年。": "The limit period must be a month, a quarter or a year.",
    "{0}限兑 {1}{2}": "limit {1} {2} {0}",
    "“{0}”{1}：这户{2}已兑换 {3}{4}，还能兑换 {5}{4}，这次要兑换 {6}{4}。":
        "“{0}” ({1}): this household has redeemed {3} {4} {2}, may redeem {5} {4} more, and asks for {6} {4}.",
    "金额": "Amount",
    "{0}“{1}”不是有效的金额（元，最多两位小数，如 12.50）。":
        "{0} “{1}” is not a valid amount (yuan, at most two decimals, e.g. 12.50).",
    "{0}不是有效的金额。": "{0} is not a valid amount.",
    "{0}不能超过 {1} 元。": "{0} cannot exceed {1} yuan.",
    "（本村允许用现金补足差价：{0} 元。）": " (This village takes cash for the difference: {0} yuan.)",
    "使用的积分必须是正整数：积分超市的兑换至少要用 1 分。":
        "The points used must be a positive whole number: a redemption uses at least 1 point.",
    "使用的积分（{0} 分）不能多于商品合计（{1} 分）。": "The points used ({0}) cannot exceed the basket total ({1}).",
    "积分不够：要使用 {0} 分，可用只有 {1} 分。": "Not enough points: {0} points to use, only {1} available.",
    "应收现金已变为 {0} 元（屏幕上是 {1} 元），请重新确认。":
        "The cash due is now {0} yuan (the screen showed {1} yuan): please confirm again.",
    "兑换日“{0}”不是有效的日期。": "Redemption day “{0}” is not a valid date.",
    "兑换日“{0}”无效：每月的日子在 1 到 31 之间，且从小到大。":
        "Redemption day “{0}” is invalid: days of the month are 1 to 31, smallest first.",
    "看不懂兑换日“{0}”：请写每月的日子（如 1-5、15）或日期（如 2027-01-20），用逗号分开。":
        "Cannot read redemption day “{0}”: write days of the month (1-5, 15) or dates (2027-01-20), "
        "separated by commas.",
    "每分积分折合金额": "Money per point",
    "每分积分折合的金额必须大于 0 元。": "The money per point must be more than 0 yuan.",
    "每分积分折合的金额不能超过 1000 元。": "The money per point cannot exceed 1000 yuan.",
    "兑换日写得太长了（最多 200 个字符）。": "The redemption days are too long (200 characters at most).",
    "今天（{0}）不是兑换日，近期也没有安排兑换日（{1}）。":
        "Today ({0}) is not a redemption day, and none is planned soon ({1}).",
    "今天（{0}）不是兑换日。下一个兑换日：{1}（{2}）。": "Today ({0}) is not a redemption day. Next redemption day: {1} ({2}).",
    "兑换日：{0}": "redemption days: {0}",
}
