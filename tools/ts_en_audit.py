"""English for the audit log read a page at a time (issue 20/23): the status while its rows are read."""

TRANSLATIONS = {
    "正在读取…": "Reading…",
}
