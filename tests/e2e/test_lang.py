#!/usr/bin/env python3
"""test_lang.py - the reports in Simplified Chinese, and the report command's
messages, on the real binary over a demo database.

Checks that `funnel --lang zh report overall|funnel` prints valid UTF-8 with
the glossary's terms (docs GLOSSARY-zh), that its tables line up by display
width (a CJK character takes two columns: every row's value cells end in the
same display column), that the locale picks the language and --lang wins,
that the JSON documents do not change with the language, that a bad --window
gives one message with the library's reason, and that a currency without an
exchange rate names the currency, the day, the opportunities and the command
that adds a rate; and that the command line's own texts are translated
(opp add, the conflict of closing a closed deal, an import error, opp
--help) while English stays the default. Python standard library only.
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import Funnel, Tap  # noqa: E402

AS_OF = "2026-10-15"


def env_with(**kw):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE",
                        "FUNNEL_DB")}
    env["FUNNEL_TODAY"] = AS_OF
    env.update(kw)
    return env


def run(fu, *args, **env):
    """(exit status, stdout bytes, stderr bytes)"""
    p = subprocess.run([fu.bin, "--db", fu.db] + list(args),
                       capture_output=True, env=env_with(**env), cwd=fu.dir)
    return p.returncode, p.stdout, p.stderr


def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)


def token_ends(line):
    """Display columns where each space-separated token ends."""
    ends, col, inside = [], 0, False
    for c in line:
        if c == " ":
            if inside:
                ends.append(col)
            inside = False
        else:
            inside = True
        col += width(c)
    if inside:
        ends.append(col)
    return ends


def utf8(tap, what, data):
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        tap.ok(False, what + " is valid UTF-8", e)
        return ""
    tap.ok(True, what + " is valid UTF-8")
    return text


def has_terms(tap, what, text, terms):
    missing = [t for t in terms if t not in text]
    tap.ok(not missing, what + " uses the glossary's terms",
           "missing: %s\n%s" % (" ".join(missing), text))


def figure_lines(text, first):
    """The "  LABEL   VALUE ..." lines from the one starting with the label
    first to the end of that block (labels have no spaces in Chinese)."""
    out, on = [], False
    for line in text.splitlines():
        if line.startswith("  " + first):
            on = True
        if on:
            if not line.startswith("  "):
                break
            out.append(line)
    return out


VALUE = re.compile(r"^(-|-?[0-9][0-9,.]*\S*)$")


def value_ends(lines):
    """Where each line's value ends: its first token after the label that
    is a number (or "-" for none)."""
    out = []
    for ln in lines:
        toks = ln.split()
        ends = token_ends(ln)
        k = next((i for i in range(1, len(toks)) if VALUE.match(toks[i])),
                 None)
        out.append(ends[k] if k is not None else -1)
    return out


def check_overall(tap, fu):
    st, out, err = run(fu, "--lang", "zh", "report", "overall")
    tap.ok(st == 0, "zh report overall exits 0", err.decode("utf-8", "replace"))
    text = utf8(tap, "zh report overall", out)
    has_terms(tap, "zh report overall", text,
              ["总体情况", "2026年第4季度", "截至 " + AS_OF, "全公司", "赢单", "丢单",
               "在途业务", "加权预测", "承诺", "最佳情况", "业绩目标",
               "目标差额", "覆盖率", "目标达成率", "倍", "个机会"])
    lines = figure_lines(text, "赢单")
    ends = value_ends(lines)
    tap.ok(len(lines) == 10 and len(set(ends)) == 1,
           "zh report overall: the ten values end in one display column",
           "\n".join("%3d %s" % (e, ln) for e, ln in zip(ends, lines)))
    # the same with byte or character counts would not line up: the test
    # can tell a table aligned by display width from one that is not
    chars = [len(ln.split()[0]) for ln in lines]
    tap.ok(len(set(chars)) > 1,
           "zh report overall: the labels differ in length (the check bites)")


def check_funnel(tap, fu):
    st, out, err = run(fu, "--lang", "zh", "report", "funnel")
    tap.ok(st == 0, "zh report funnel exits 0", err.decode("utf-8", "replace"))
    text = utf8(tap, "zh report funnel", out)
    has_terms(tap, "zh report funnel", text,
              ["销售漏斗", "销售流程", "截至 " + AS_OF, "时间窗口", "里程碑",
               "转化率", "停留天数", "赢单率", "销售周期", "销售速度",
               "在途合计"])
    table = figure_lines(text, "里程碑")
    head = token_ends(table[0]) if table else []
    rows_ok = len(table) >= 7 and len(head) == 8
    bad = []
    for ln in table[1:]:
        ends = token_ends(ln)
        n = len(ends)
        # the first column is left-aligned; the others end together
        if n < 3 or ends[1:] != head[1:n]:
            bad.append("%s | %s" % (ends, ln))
    tap.ok(rows_ok and not bad,
           "zh report funnel: every column of the milestone table ends in "
           "one display column",
           "header ends %s\n%s\n%s" % (head, "\n".join(table),
                                        "\n".join(bad)))
    lines = figure_lines(text, "赢单率")
    ends = value_ends(lines)
    tap.ok(len(lines) == 6 and len(set(ends)) == 1,
           "zh report funnel: the six figures end in one display column",
           "\n".join("%3d %s" % (e, ln) for e, ln in zip(ends, lines)))


def check_choice(tap, fu):
    st, out, _ = run(fu, "report", "overall", LANG="zh_CN.UTF-8")
    tap.ok(st == 0 and "在途业务" in out.decode("utf-8", "replace"),
           "LANG=zh_CN.UTF-8 picks Chinese")
    st, out, _ = run(fu, "report", "overall", LC_ALL="en_US.UTF-8",
                     LANG="zh_CN.UTF-8")
    tap.ok(st == 0 and "pipeline" in out.decode("utf-8", "replace"),
           "LC_ALL wins over LANG")
    st, out, _ = run(fu, "--lang", "en", "report", "funnel",
                     LANG="zh_CN.UTF-8")
    text = out.decode("utf-8", "replace")
    tap.ok(st == 0 and "milestone" in text and "里程碑" not in text,
           "--lang en wins over the locale")
    st, out, _ = run(fu, "report", "overall")
    tap.ok(st == 0 and "pipeline" in out.decode("utf-8", "replace"),
           "no locale: English")
    st, _, err = run(fu, "--lang", "xx", "report", "overall")
    tap.ok(st == 1 and b"--lang" in err and b"en, zh" in err,
           "an unknown --lang is exit 1 listing the languages", err)
    st, out, _ = run(fu, "--lang", "zh", "help")
    tap.ok(st == 0 and "用法" in out.decode("utf-8", "replace"),
           "zh help is in Chinese")
    st, out, _ = run(fu, "--lang", "zh", "report", "list")
    text = out.decode("utf-8", "replace")
    tap.ok(st == 0 and "默认" in text and "overall" in text and
           "--window FROM..TO" in text, "zh report list", text)


def check_json(tap, fu):
    for name, extra in (("overall", ["--period", "2026-Q4"]),
                        ("funnel", ["--window", "2025-Q4..2026-Q3"])):
        docs = []
        for lang in ("en", "zh"):
            st, out, err = run(fu, "--lang", lang, "report", name, "--json",
                               *extra)
            docs.append(json.loads(out) if st == 0 else None)
        tap.ok(docs[0] is not None and docs[0] == docs[1],
               "report %s --json is the same in en and zh" % name)


def check_window_message(tap, fu):
    st, _, err = run(fu, "report", "funnel", "--window", "2026")
    msg = err.decode("utf-8", "replace")
    tap.ok(st == 1 and msg.count("is not a window") == 1 and
           msg.count("'2026'") == 1 and "expected FROM..TO" in msg and
           "()" not in msg,
           "--window 2026: one message with the library's reason", msg)


def check_rates(tap, fu):
    st, out, _ = run(fu, "user", "list", "--json")
    users = json.loads(out) if st == 0 else []
    owner = next((u["id"] for u in users if u.get("role") == "rep"),
                 users[0]["id"] if users else "nobody")
    for i in range(1, 8):
        st, _, err = run(fu, "opp", "add", "JP%d" % i, "--name", "Yen %d" % i,
                         "--owner", owner, "--amount", "100000",
                         "--close", "2026-11-20", "--currency", "JPY",
                         "--date", "2026-10-01")
        if st != 0:
            tap.ok(False, "opp add JP%d in JPY" % i, err)
            return
    for name in ("overall", "funnel"):
        st, _, err = run(fu, "report", name)
        msg = err.decode("utf-8", "replace")
        tap.ok(st == 1 and "no exchange rate for JPY on " + AS_OF in msg and
               "JP1, JP2, JP3, JP4, JP5 and 2 more" in msg and
               "funnel rate set JPY " + AS_OF + " RATE" in msg,
               "report %s without a JPY rate names the currency, the day, "
               "the opportunities and the fix" % name, msg)
    st, _, err = run(fu, "--lang", "zh", "report", "overall")
    msg = err.decode("utf-8", "replace")
    tap.ok(st == 1 and "汇率" in msg and "JP1" in msg and
           "funnel rate set JPY" in msg,
           "the missing rate in Chinese", msg)


def check_free_texts(tap, fu):
    """The command line's own texts in Chinese (lib/msg_zh_text.c): what
    opp add prints, the conflict of closing a closed deal, and the usage of
    opp --help; the same commands in English are unchanged."""
    st, out, _ = run(fu, "opp", "list", "--open", "--json")
    opps = json.loads(out) if st == 0 else []
    st, out, _ = run(fu, "user", "list", "--json")
    users = json.loads(out) if st == 0 else []
    if not tap.ok(opps and users, "demo has open opportunities and users"):
        return
    owner = users[0]["id"]
    st, out, err = run(fu, "--lang", "zh", "opp", "add", "ZH1", "--name",
                       "新机会", "--owner", owner, "--amount", "1000",
                       "--close", "2026-12-01")
    text = utf8(tap, "zh opp add", out)
    tap.ok(st == 0 and text.startswith("已添加销售机会 ZH1：") and
           "1000.00" in text and "2026-12-01" in text,
           "zh opp add prints Chinese", text + err.decode("utf-8", "replace"))
    st, out, err = run(fu, "--lang", "zh", "opp", "add", "ZH1", "--name",
                       "again", "--owner", owner, "--amount", "1",
                       "--close", "2026-12-01")
    msg = utf8(tap, "zh opp add conflict", err)
    tap.ok(st == 1 and out == b"" and "销售机会“ZH1”已存在" in msg and
           "already exists" not in msg,
           "zh opp add of an existing id: Chinese conflict", msg)

    x = opps[0]["id"]
    st, out, err = run(fu, "--lang", "zh", "opp", "close", x, "won")
    text = utf8(tap, "zh opp close", out)
    tap.ok(st == 0 and text.startswith("销售机会 %s：" % x),
           "zh opp close prints Chinese", text + err.decode("utf-8",
                                                          "replace"))
    st, out, err = run(fu, "--lang", "zh", "opp", "close", x, "won")
    msg = utf8(tap, "zh opp close twice", err)
    tap.ok(st == 1 and out == b"" and
           msg.startswith("funnel: opp close: 销售机会“%s”已经关闭" % x) and
           AS_OF in msg and "already closed" not in msg and
           msg.count("\n") == 1,
           "zh opp close twice: the conflict in Chinese", msg)
    st, _, err = run(fu, "opp", "close", x, "won")
    msg = err.decode("utf-8", "replace")
    tap.ok(st == 1 and msg == "funnel: opp close: opportunity '%s' is "
           "already closed: it was closed (won) on %s\n" % (x, AS_OF),
           "opp close twice: the conflict in English by default", msg)

    st, out, _ = run(fu, "--lang", "zh", "opp", "--help")
    text = utf8(tap, "zh opp --help", out)
    tap.ok(st == 0 and "funnel opp add ID --name 名称 --owner 用户" in text
           and "funnel opp close ID won|lost [--reason 原因] [--date 日期]"
           in text and "--name N" not in text,
           "zh opp --help prints the Chinese usage", text)
    st, out, _ = run(fu, "--lang", "zh", "opp", "help")
    text = out.decode("utf-8", "replace")
    tap.ok(st == 0 and "  funnel opp close ID won|lost "
           "[--reason 原因] [--date 日期]\n" in text and "--name N" not in text,
           "zh opp help: the subcommands' usage lines in Chinese", text)
    path = os.path.join(fu.dir, "users.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,name,email,role,team\nZU1,A,,boss,\n")
    st, _, err = run(fu, "--lang", "zh", "import", path)
    msg = utf8(tap, "zh import of a bad row", err)
    tap.ok(st == 1 and "users.csv:2:4: 字段 role：“boss”不是角色" in msg,
           "zh import: the row's error in Chinese", msg)
    st, _, err = run(fu, "import", path)
    msg = err.decode("utf-8", "replace")
    tap.ok(st == 1 and "users.csv:2:4: field role: 'boss' is not a role" in msg,
           "import: the row's error in English by default", msg)

    st, out, _ = run(fu, "opp", "--help")
    text = out.decode("utf-8", "replace")
    tap.ok(st == 0 and "funnel opp add ID --name N --owner USER" in text and
           not re.search(r"[\u4e00-\u9fff]", text),
           "opp --help is English by default", text)


def main():
    tap = Tap()
    fu = Funnel()
    try:
        st, _, err = run(fu, "demo", "--today", AS_OF)
        if not tap.ok(st == 0, "demo database", err):
            tap.done()
        check_overall(tap, fu)
        check_funnel(tap, fu)
        check_choice(tap, fu)
        check_json(tap, fu)
        check_window_message(tap, fu)
        check_rates(tap, fu)
        check_free_texts(tap, fu)
    finally:
        fu.close()
    tap.done()


if __name__ == "__main__":
    main()
