#!/usr/bin/env python3
"""extract-texts.py - the free texts a language translates (docs/languages.md).

Finds, in the C sources, the English texts that reach fn_tr at run time:

  - the format of fn_err_set(ERR, CODE, "...")     (lib/error.c)
  - the format of fn_err_prefix(ERR, "...")        (lib/error.c)
  - the format of cli_fail(C, CODE, "...")         (cli/cli.c)
  - the format of cli_printf("...")                (cli/cli.c)
  - the text of fn_tr("...") (a word given as an argument: "added")
  - the column names of cli_header((const char *const[]){"ID", ...}, ...)
  - the words of fn_plural/cli_plural(BUF, N, COUNT, "one", "many")
  - the format of csvr_fail(R, F, ERR, "...") (lib/csvread.c) and of the
    process-file parser's perr(PS, LINE, COL, CODE, "...") (lib/model.c)
  - the messages of the error codes, X(NAME, "...") in error.h
  - the usage texts: `const char cli_usage_X[] = "...";` and the third
    field of every entry of a `struct cli_cmd` table, {"name", fn, "..."}

Adjacent string literals are concatenated with their escapes kept exactly as
written, so a text printed here is the C key a translation needs in
lib/msg_<code>_text.c (C concatenates the literals the same way). Pure
formats, with nothing to translate ("%s: %s", "%s\\n"), are left out.

Usage:
  scripts/extract-texts.py                 every text: FILE:LINE<TAB>TEXT
  scripts/extract-texts.py --missing [zh]  the texts lib/msg_zh_text.c
                                           lacks; exit status 1 if any
  scripts/extract-texts.py --unused [zh]   keys of lib/msg_zh_text.c no
                                           source uses (stale translations)
Options: --root DIR (default: the repository holding this script).
A format that is not made of string literals only (a variable, a macro, a
conditional) is reported on stderr as "skipped": it cannot be a key.
"""
import glob
import os
import re
import sys

# call name -> indices of the arguments that are texts
CALLS = {"fn_err_set": (2,), "fn_err_prefix": (1,), "cli_fail": (2,),
         "cli_printf": (0,), "fn_tr": (0,),
         "fn_plural": (3, 4), "cli_plural": (3, 4),
         "csvr_fail": (3,), "perr": (4,)}

SOURCES = [
    "lib/*.c", "lib/store/*.c", "cli/*.c",
]


def strip_comments(src):
    """src with comments blanked (newlines kept, so lines still count);
    string and character literals are left as they are."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def skip_literal(src, i):
    """The index after the string or char literal starting at src[i]."""
    q, j = src[i], i + 1
    while j < len(src) and src[j] != q:
        j += 2 if src[j] == "\\" else 1
    return j + 1


def split_args(src, i):
    """src[i] is '(' or '{': the top-level comma-separated pieces up to the
    matching closer, as (start, end) index pairs, and the closer's index."""
    depth, j, start, args = 0, i, i + 1, []
    while j < len(src):
        c = src[j]
        if c in "\"'":
            j = skip_literal(src, j)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((start, j))
                return args, j
        elif c == "," and depth == 1:
            args.append((start, j))
            start = j + 1
        j += 1
    return args, j


LITERAL = re.compile(r'\s*"((?:[^"\\\n]|\\.)*)"\s*', re.S)


def literal_text(piece):
    """The concatenated contents of piece when it is nothing but adjacent
    string literals (escapes as written), else None."""
    pos, parts = 0, []
    while pos < len(piece):
        m = LITERAL.match(piece, pos)
        if not m:
            return None
        parts.append(m.group(1))
        pos = m.end()
    return "".join(parts) if parts else None


def pure_format(text):
    """True when text has no letters outside its conversions: "%s: %s"."""
    rest = re.sub(r"%[-+ #0]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|z|j|t)?"
                  r"[diouxXeEfgGcsp%]", "", text)
    rest = re.sub(r"\\[ntr\"\\]", "", rest)
    return not re.search(r"[A-Za-z]", rest)


def line_of(src, i):
    return src.count("\n", 0, i) + 1


def extract(root):
    """[(file, line, text)] in file order, and the skipped formats."""
    found, skipped = [], []
    files = sorted(f for pat in SOURCES
                   for f in glob.glob(os.path.join(root, pat)))
    for path in files:
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as f:
            src = strip_comments(f.read())

        def add(piece_start, piece_end, what):
            text = literal_text(src[piece_start:piece_end])
            where = (rel, line_of(src, piece_start))
            if text is None and "?" in src[piece_start:piece_end]:
                # cond ? "a" : "b": each branch is a text
                runs = re.findall(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+',
                                  src[piece_start:piece_end])
                for run in runs:
                    text = literal_text(run)
                    if not pure_format(text):
                        found.append(where + (text,))
                if runs:
                    return
            if text is None:
                skipped.append(where + (what, src[piece_start:piece_end]
                                        .strip()))
            elif not pure_format(text):
                found.append(where + (text,))

        for m in re.finditer(r"\b(%s)\s*\(" % "|".join(CALLS), src):
            if re.search(r"(fn_code|int|void|char\s*\*)\s*$",
                         src[:m.start()]):
                continue  # the definition or a declaration
            args, _ = split_args(src, m.end() - 1)
            for k in CALLS[m.group(1)]:
                if len(args) > k:
                    add(*args[k], m.group(1))
        # cli_header((const char *const[]){"ID", "NAME", NULL}, ...):
        # each column name is translated
        for m in re.finditer(r"\bcli_header\s*\(\s*\(const char \*const"
                             r"\s*\[\s*\]\s*\)\s*\{", src):
            names, _ = split_args(src, m.end() - 1)
            for a, b in names:
                if literal_text(src[a:b]) is not None:
                    add(a, b, "cli_header")
        for m in re.finditer(r"\bcli_usage_\w+\s*\[\s*\]\s*=", src):
            end = src.find(";", m.end())
            while end >= 0 and literal_text(src[m.end():end]) is None:
                end = src.find(";", end + 1)  # a ';' inside a literal
            if end >= 0:
                add(m.end(), end, "cli_usage")
        for m in re.finditer(r"\bstruct\s+cli_cmd\s+\w+\s*\[\s*\]\s*=\s*\{",
                             src):
            rows, _ = split_args(src, m.end() - 1)
            for a, b in rows:
                row = src[a:b].strip()
                if not row.startswith("{"):
                    continue
                fields, _ = split_args(src, src.index("{", a))
                if len(fields) >= 3:
                    fa, fb = fields[2]
                    if src[fa:fb].strip() != "NULL" and \
                            not re.fullmatch(r"\s*\w+\s*", src[fa:fb]):
                        add(fa, fb, "cli_cmd usage")
    # The messages of the error codes (error.h), which main.c prints
    # through fn_tr when a command leaves no detail.
    path = os.path.join(root, "include", "funnel", "error.h")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            src = strip_comments(f.read())
        for m in re.finditer(r"\bX\(\s*\w+\s*,\s*\"((?:[^\"\\\n]|\\.)*)\"", src):
            found.append(("include/funnel/error.h", line_of(src, m.start()),
                          m.group(1)))
    return found, skipped


def keys(root, lang):
    """The English keys of lib/msg_<lang>_text.c, escapes as written."""
    path = os.path.join(root, "lib", "msg_%s_text.c" % lang)
    with open(path, encoding="utf-8") as f:
        src = strip_comments(f.read())
    out = set()
    start = src.find("fn_text")
    for m in re.finditer(r"\{\s*((?:\"(?:[^\"\\\n]|\\.)*\"\s*)+),", src[start:]):
        out.add(literal_text(m.group(1)))
    return out


def catalogue_texts(root):
    """The English texts of the message catalogue (FN_MSGS in msg.h):
    fn_msg_tr finds those there first, so they need no free text."""
    path = os.path.join(root, "include", "funnel", "msg.h")
    with open(path, encoding="utf-8") as f:
        src = strip_comments(f.read())
    return {literal_text(m.group(1)) for m in re.finditer(
        r"\bX\(\s*\w+\s*,\s*((?:\"(?:[^\"\\\n]|\\.)*\"\s*)+)\)", src)}


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    mode, lang, args = "list", "zh", list(argv)
    while args:
        a = args.pop(0)
        if a == "--root":
            root = args.pop(0)
        elif a in ("--missing", "--unused"):
            mode = a[2:]
            if args and not args[0].startswith("-"):
                lang = args.pop(0)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            print("extract-texts.py: unknown argument '%s'" % a,
                  file=sys.stderr)
            return 2
    found, skipped = extract(root)
    for rel, line, what, piece in skipped:
        if piece.startswith("fn_msg(") or '"' not in piece:
            continue  # a message of the catalogue (msg.h), or a variable
        print("skipped %s:%d: %s format is not literal: %s"
              % (rel, line, what, " ".join(piece.split())), file=sys.stderr)
    if mode == "list":
        for rel, line, text in found:
            print("%s:%d\t%s" % (rel, line, text))
        return 0
    have = keys(root, lang)
    catalogue = catalogue_texts(root)
    if mode == "unused":
        used = {t for _, _, t in found}
        for t in sorted(have & catalogue):
            print("%s\t(a message of the catalogue: this entry is never "
                  "used)" % t)
        stale = sorted(have - used)
        for t in stale:
            print(t)
        return 1 if stale or have & catalogue else 0
    seen, missing = set(), []
    for rel, line, text in found:
        if text not in have and text not in catalogue and text not in seen:
            seen.add(text)
            missing.append((rel, line, text))
    for rel, line, text in missing:
        print("%s:%d\t%s" % (rel, line, text))
    n = len({t for _, _, t in found})
    print("%d of %d texts missing from lib/msg_%s_text.c"
          % (len(missing), n, lang), file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
