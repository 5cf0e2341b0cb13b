"""English for the dashboard's strings added by the third pass over its first show (issue 23, branch dash3): the
lists are drawn cells now, not HTML tables."""

TRANSLATIONS = {
    "户均积分": "Avg. points",
    "还有 {0} 种…": "and {0} more…",
    "{0}：{1}": "{0}: {1}",  # a chart's tooltip: a bar's label and its figure
}
