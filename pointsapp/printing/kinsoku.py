"""Closing punctuation never starts a line of a paragraph (禁则): reportlab's CJK line breaking, taught two things.

reportlab keeps a closing mark off the start of a line by letting it hang at the end of the line before, but
its list lacks the full-width marks of Chinese text (，；：？！》 …), and it hangs one mark only: in "无异议）。"
the "。" still began the next line. Here the list is completed, and every closing mark that follows a hung one
hangs with it. A paragraph of one run is broken by ``textsplit.dumbSplit`` (under wordSplit), one of several
runs (fonts, colours) by ``paragraph.cjkFragSplit``; both are recompiled from reportlab's own source with that
one change, and left as they are if that source ever reads differently (tests/test_print_line_breaks.py would
then fail).
"""
from __future__ import annotations

import inspect
import logging
import textwrap

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

log = logging.getLogger(__name__)

CLOSING = "，；：？！》〉”’…％"

_TEXTSPLIT_HANG = """            if c not in ALL_CANNOT_START and i>lineStartPos+1:
                #otherwise we need to push the character back
                #the i>lineStart+1 condition ensures progress
                i -= 1
                extraSpace += w
"""
_TEXTSPLIT_MORE = """            else:
                while i < nW and word[i] in ALL_CANNOT_START:
                    extraSpace -= widths[i]
                    i += 1
"""
_PARAGRAPH_HANG = """                if u not in ALL_CANNOT_START and i>lineStartPos+1:
                    #otherwise we need to push the character back
                    #the i>lineStart+1 condition ensures progress
                    i -= 1
                    extraSpace += w
"""
_PARAGRAPH_MORE = """                else:
                    while i < nU and U[i] in ALL_CANNOT_START and not hasattr(U[i].frag, 'lineBreak'):
                        extraSpace -= U[i].width if isinstance(U[i].width, (int, float)) else 0
                        i += 1
"""


def _recompile(module, function, hang: str, more: str) -> bool:
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):  # no source beside the code (a bundle built without it): reportlab's own rule
        log.warning("kinsoku: no source for %s.%s; closing marks hang one at a time", module.__name__,
                    function.__name__)
        return False
    if hang not in source:
        return False
    namespace = dict(vars(module))
    exec(compile(source.replace(hang, hang + more), inspect.getsourcefile(function), "exec"), namespace)
    setattr(module, function.__name__, namespace[function.__name__])
    return True


def install() -> None:
    """Once per process: the full list, and the two breakers that hang every closing mark of a run."""
    if getattr(paragraph, "_pointsapp_kinsoku", False):
        return
    paragraph._pointsapp_kinsoku = True
    textsplit.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + CLOSING
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START
    _recompile(textsplit, textsplit.dumbSplit, _TEXTSPLIT_HANG, _TEXTSPLIT_MORE)  # wordSplit calls it
    _recompile(paragraph, paragraph.cjkFragSplit, _PARAGRAPH_HANG, _PARAGRAPH_MORE)
