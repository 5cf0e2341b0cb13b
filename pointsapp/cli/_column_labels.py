"""The column heads of the command line's tables, listed once for translation (context "cli.columns");
``cli._output.print_rows`` translates each head it prints, so ``pointsapp --lang en households list`` reads
English. A head not listed here (a category a village named) prints as it is."""
from __future__ import annotations

from pointsapp.text import translate


def heads() -> tuple[str, ...]:
    """Every head the tables print (this list is what pyside6-lupdate reads)."""
    return (
        translate("cli.columns", "户号"),
        translate("cli.columns", "户主"),
        translate("cli.columns", "村"),
        translate("cli.columns", "小组"),
        translate("cli.columns", "人数"),
        translate("cli.columns", "电话"),
        translate("cli.columns", "累计积分"),
        translate("cli.columns", "可用积分"),
        translate("cli.columns", "星级"),
        translate("cli.columns", "组"),
        translate("cli.columns", "户数"),
        translate("cli.columns", "获星户"),
        translate("cli.columns", "星数"),
        translate("cli.columns", "分布"),
        translate("cli.columns", "期间"),
        translate("cli.columns", "授星日期"),
        translate("cli.columns", "授星人"),
        translate("cli.columns", "摘星时间"),
        translate("cli.columns", "摘星原因"),
        translate("cli.columns", "序号"),
        translate("cli.columns", "代码"),
        translate("cli.columns", "名称"),
        translate("cli.columns", "颜色"),
        translate("cli.columns", "条件"),
        translate("cli.columns", "名次"),
        translate("cli.columns", "合计"),
        translate("cli.columns", "加分"),
        translate("cli.columns", "扣分"),
        translate("cli.columns", "类别"),
        translate("cli.columns", "细则"),
        translate("cli.columns", "分值"),
        translate("cli.columns", "频次"),
        translate("cli.columns", "年度上限"),
        translate("cli.columns", "一票否决"),
        translate("cli.columns", "检查项目"),
        translate("cli.columns", "状态"),
        translate("cli.columns", "用户名"),
        translate("cli.columns", "姓名"),
        translate("cli.columns", "角色"),
        translate("cli.columns", "参与户数"),
        translate("cli.columns", "参与率"),
        translate("cli.columns", "户均积分"),
        translate("cli.columns", "时间"),
        translate("cli.columns", "用户"),
        translate("cli.columns", "操作"),
        translate("cli.columns", "对象"),
        translate("cli.columns", "变更内容"),
    )
