#!/usr/bin/env python3
"""checksrc.py: the project's source rules, checked (`make checksrc`).

curl's checksrc.pl is the model: a plain script, one line per problem in the
form `file:line: rule: what`, exit status 1 when there is any.  The rules are
those of docs/ARCHITECTURE.md and docs/STYLE.md that a compiler does not check:

  banned          calls that are not reentrant or not bounded (strerror, sprintf,
                  vsprintf, strcpy, strcat, atoi, atol, atof, gets, gmtime,
                  localtime; the _r forms and snprintf are the ones to use)
  money-float     float, double, floating literals, strtod and <math.h> in a money
                  path (MONEY_PATHS below): money is integer minor units
  typedef-struct  a typedef of a struct, union or enum (write `struct ifgw_x`)
  typedef-pointer a typedef that hides a pointer (data or function)
  symbol          a global symbol defined in libifgw.a without the ifgw_ prefix
                  (from `nm -g --defined-only libifgw.a`, given with --symbols)
  layer           an include that points up: to a higher floor (FLOORS), to a
                  higher gateway/ sub-folder (GATEWAY), ledger -> net, or to cli/
  private         a *_int.h included from outside its own folder
  private-guard   a *_int.h that does not refuse outside use
                  (`#ifndef IFGW_<MODULE>_INTERNAL` then `#error`)
  include-path    a quoted include in a library folder not named from the top
                  ("base/buf.h"), so that a sibling cannot shadow another header
  error-clear     ifgw_error_clear() in library code: only entry points (cli/,
                  tests/, bench/) clear; a library function that handles a
                  failure and carries on saves and restores (base/error.h)
  allow           an exception comment without a reason, or one that excuses nothing

An exception is written on the line it excuses, with its reason:
    n = strerror(e);  /* checksrc: allow strerror (why this line may) */
The word after `allow` is the rule or the thing it names (the banned call, the
keyword).  Use them sparingly: each one is a line a reviewer has to accept.

usage:
  checksrc.py --top SRCDIR [--symbols NMFILE]   check the tree (and libifgw.a's symbols)
  checksrc.py --as PATH FILE ...                check FILE as if it were SRCDIR/PATH
  checksrc.py --symbols NMFILE                  check the symbols only
"""

import argparse
import os
import re
import sys

# The folders checked, each the floor it stands on (docs/ARCHITECTURE.md):
# an include may point to the same floor or below, never above.  Same-floor
# includes are allowed (model/ uses currency/'s money type, config/ uses
# model/'s product enum and text limits).
FLOORS = {
    "base": 0,
    "currency": 1,
    "certs": 1,
    "model": 2,
    "config": 2,
    "adapters": 3,
    "gateway": 4,
    "cli": 5,
}
# Inside gateway/: node -> net, ledger, audit, ifp -> ingest, route -> store.
# A sub-folder not listed here is a problem until it is given a level (here
# and in docs/ARCHITECTURE.md).
GATEWAY = {
    "store": 0,
    "ingest": 1,
    "route": 1,
    "net": 2,
    "ledger": 2,
    "audit": 2,
    "ifp": 2,
    "node": 3,
}
# Refused although the levels allow it: the ledger is state machines with no
# I/O; it neither talks to the network nor persists (it returns the rows a
# caller above it commits through the store: docs/ledger.md).
GATEWAY_FORBIDDEN = {("ledger", "net"), ("ledger", "store")}

# tests/ and bench/ stand above every floor: they exercise each module, so
# they may include any folder (and tests/ a module's *_int.h, after defining
# its IFGW_<MODULE>_INTERNAL, to test internals the way curl's unit tests
# do).  Neither includes cli/: the program is tested by running it
# (tests/integration/).  Every other rule applies to them too.
ABOVE = ("tests", "bench")
CHECKED = tuple(FLOORS) + ABOVE

# Not checked: the self-test's snippets are wrong on purpose; the ISO 4217
# table is generated (currency/gen_iso4217.awk) and lands in the source tree
# only in an in-tree build.
SKIP_DIRS = ("tests/checksrc/",)
SKIP_FILES = ("currency/iso4217_table.c",)

# Money paths: every folder or file that holds, moves or prints an amount.
# Money is an integer of minor units and a currency, converted with exact
# integer arithmetic and one rounding (ARCHITECTURE.md, "Design rules"); a
# double there loses cents silently.  The whole of currency/ (its calendars
# and fetch have no use for floating point either, and a folder rule cannot
# miss a new file), the model and the adapters (amounts on the wire), ingest
# (amounts read from invoice files), route (batch totals), and the gateway
# parts that will keep or consolidate amounts.  Not money: base/, certs/,
# config/, gateway/net|audit|node (timeouts and back-off may be fractional),
# tests/ and bench/ (bench_fx times a naive double conversion on purpose).
MONEY_PATHS = (
    "currency/",
    "model/",
    "adapters/",
    "gateway/ingest/",
    "gateway/route/",
    "gateway/ledger/",
    "gateway/ifp/",
    "gateway/store/",
    "cli/cmd_fx.c",
    "cli/cmd_invoices.c",
)

# Banned calls and what to use instead.
BANNED = {
    "strerror": "not thread-safe: use ifgw_strerror()",
    "sprintf": "unbounded: use snprintf() or a capped ifgw_buf",
    "vsprintf": "unbounded: use vsnprintf()",
    "strcpy": "unbounded: use snprintf() or memcpy() with a checked length",
    "strcat": "unbounded: use a capped ifgw_buf",
    "atoi": "no error report: use strtol() with checks",
    "atol": "no error report: use strtol() with checks",
    "atof": "no error report, and floating point",
    "gets": "unbounded: use fgets()",
    "gmtime": "not thread-safe: use base/date.h or gmtime_r()",
    "localtime": "not thread-safe: use localtime_r()",
}
MONEY_CALLS = ("strtod", "strtof", "strtold")

# Global symbols libifgw.a may define without the ifgw_ prefix, each with its
# reason.  Empty: keep it so.
ALLOWED_SYMBOLS = {}
# Instrumentation a sanitizer or coverage build adds to every object.
TOOL_SYMBOL_PREFIXES = ("__odr_asan", "__asan_", "__ubsan_", "__tsan_", "__sancov_", "__gcov_")

RULES = (
    "banned", "money-float", "typedef-struct", "typedef-pointer", "symbol", "layer",
    "private", "private-guard", "include-path", "error-clear", "allow",
)

# Library folders, where a pending error belongs to the caller's request:
# clearing it there wipes a reason the caller had not reported yet.  Only the
# definition itself may name it.
ERROR_CLEAR_ENTRY = ("cli", "tests", "bench")
ERROR_CLEAR_HOME = ("base/error.c", "base/error.h")

ALLOW_RE = re.compile(r"checksrc:\s*allow\s+([\w.-]+)\s*(?:\(([^)]*)\))?")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*(["<])([^">]+)[">]')


class Problem:
    def __init__(self, path, line, rule, subject, what):
        self.path, self.line, self.rule, self.subject, self.what = path, line, rule, subject, what

    def __str__(self):
        return "%s:%d: %s: %s" % (self.path, self.line, self.rule, self.what)


def lex(text):
    """Split C text into code and comments, line by line.

    Returns (code, comments): lists indexed by line number - 1.  In code,
    comments become spaces and the contents of string and character literals
    become spaces (their quotes stay), so that a word in a message or a
    comment is never taken for a call.  comments holds each line's comment
    text (where exception comments are read)."""
    code = []
    comments = []
    cur_code = []
    cur_comment = []
    state = "code"
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "\n":
            if state == "line-comment":
                state = "code"
            code.append("".join(cur_code))
            comments.append("".join(cur_comment))
            cur_code, cur_comment = [], []
            i += 1
            continue
        if state == "code":
            if c == "/" and nxt == "*":
                state = "block-comment"
                cur_code.append("  ")
                i += 2
                continue
            if c == "/" and nxt == "/":
                state = "line-comment"
                cur_code.append("  ")
                i += 2
                continue
            if c == '"':
                state = "string"
            elif c == "'":
                state = "char"
            cur_code.append(c)
        elif state == "block-comment":
            if c == "*" and nxt == "/":
                state = "code"
                cur_code.append("  ")
                i += 2
                continue
            cur_comment.append(c)
            cur_code.append(" ")
        elif state == "line-comment":
            cur_comment.append(c)
            cur_code.append(" ")
        else:  # string or char literal
            quote = '"' if state == "string" else "'"
            if c == "\\" and nxt and nxt != "\n":
                cur_code.append("  ")
                i += 2
                continue
            if c == quote:
                state = "code"
                cur_code.append(c)
            else:
                cur_code.append(" ")
        i += 1
    code.append("".join(cur_code))
    comments.append("".join(cur_comment))
    return code, comments


def in_money_path(path):
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in MONEY_PATHS)


def top_folder(path):
    return path.split("/", 1)[0]


def gateway_sub(path):
    """The gateway/ sub-folder of path, "" for a file directly in gateway/."""
    parts = path.split("/")
    return parts[1] if len(parts) > 2 else ""


def check_calls(path, code):
    problems = []
    banned = re.compile(r"(?<![\w.])(?<!->)\b(" + "|".join(BANNED) + r")\s*\(")
    money_call = re.compile(r"(?<![\w.])(?<!->)\b(" + "|".join(MONEY_CALLS) + r")\s*\(")
    money_word = re.compile(r"\b(float|double)\b")
    money_literal = re.compile(r"(?<![\w.])((\d+\.\d*|\.\d+)([eE][-+]?\d+)?|\d+[eE][-+]?\d+)[fFlL]?(?![\w.])")
    money_header = re.compile(r"\s*#\s*include\s*<(math|tgmath|float|fenv)\.h>")
    money = in_money_path(path)
    for no, line in enumerate(code, 1):
        for m in banned.finditer(line):
            name = m.group(1)
            problems.append(Problem(path, no, "banned", name, "%s(): %s" % (name, BANNED[name])))
        if not money:
            continue
        if line.lstrip().startswith("#"):
            m = money_header.match(line)
            if m:
                problems.append(Problem(path, no, "money-float", m.group(1) + ".h",
                                        "<%s.h> in a money path: amounts are integer minor units" % m.group(1)))
            continue
        for m in money_call.finditer(line):
            problems.append(Problem(path, no, "money-float", m.group(1),
                                    "%s() in a money path: amounts are integer minor units" % m.group(1)))
        for m in money_word.finditer(line):
            problems.append(Problem(path, no, "money-float", m.group(1),
                                    "%s in a money path: amounts are integer minor units" % m.group(1)))
        for m in money_literal.finditer(line):
            problems.append(Problem(path, no, "money-float", "literal",
                                    "floating literal %s in a money path" % m.group(0)))
    return problems


def strip_parens(text):
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"\([^()]*\)", "", text)
    return text


def check_typedefs(path, code):
    problems = []
    joined = "\n".join(code)
    for m in re.finditer(r"\btypedef\b", joined):
        start = m.end()
        depth = 0
        i = start
        body_end = None
        while i < len(joined):
            c = joined[i]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    body_end = i + 1
            elif c == ";" and depth == 0:
                break
            i += 1
        decl = joined[start:i]
        line = joined.count("\n", 0, m.start()) + 1
        head = re.match(r"\s*(?:const\s+|volatile\s+)*(struct|union|enum)\b", decl)
        if head:
            problems.append(Problem(path, line, "typedef-struct", head.group(1),
                                    "typedef %s: write `%s ifgw_<thing>` at each use" % (head.group(1), head.group(1))))
        declarator = decl[body_end - start:] if body_end is not None else decl
        if re.search(r"\(\s*\*", declarator) or "*" in strip_parens(declarator):
            problems.append(Problem(path, line, "typedef-pointer", "typedef",
                                    "pointer typedef: write the `*` at each use"))
    return problems


def check_includes(path, code, raw):
    problems = []
    top = top_folder(path)
    for no, line in enumerate(code, 1):
        if not re.match(r"\s*#\s*include\b", line):
            continue
        m = INCLUDE_RE.match(raw[no - 1])
        if not m or m.group(1) != '"':
            continue
        inc = m.group(2)
        itop = top_folder(inc) if "/" in inc else ""
        if itop not in FLOORS:
            if top in FLOORS and inc != "config.h":
                problems.append(Problem(path, no, "include-path", inc,
                                        '"%s": name project headers from the top ("base/buf.h"); '
                                        '"config.h" is only autoconf\'s' % inc))
            continue
        if top in ABOVE:
            if itop == "cli":
                problems.append(Problem(path, no, "layer", inc,
                                        '"%s": cli/ is the program, tested by running it' % inc))
        elif FLOORS[itop] > FLOORS[top]:
            problems.append(Problem(path, no, "layer", inc,
                                    '"%s": %s/ (floor %d) includes %s/ (floor %d)'
                                    % (inc, top, FLOORS[top], itop, FLOORS[itop])))
        elif top == "gateway" and itop == "gateway":
            src, dst = gateway_sub(path), gateway_sub(inc)
            if src in GATEWAY and dst in GATEWAY:
                if GATEWAY[dst] > GATEWAY[src]:
                    problems.append(Problem(path, no, "layer", inc,
                                            '"%s": gateway/%s includes gateway/%s, which stands above it'
                                            % (inc, src, dst)))
                elif (src, dst) in GATEWAY_FORBIDDEN:
                    problems.append(Problem(path, no, "layer", inc,
                                            '"%s": gateway/%s never includes gateway/%s' % (inc, src, dst)))
            elif dst not in GATEWAY:
                problems.append(Problem(path, no, "layer", inc,
                                        '"%s": gateway/%s has no level (scripts/checksrc.py GATEWAY, '
                                        'docs/ARCHITECTURE.md)' % (inc, dst)))
        if inc.endswith("_int.h") and top != "tests":
            home = os.path.dirname(inc) + "/"
            if not path.startswith(home):
                problems.append(Problem(path, no, "private", inc,
                                        '"%s" is private to %s' % (inc, home)))
    if top == "gateway" and gateway_sub(path) not in GATEWAY:
        problems.append(Problem(path, 1, "layer", "gateway",
                                "gateway/%s has no level (scripts/checksrc.py GATEWAY, docs/ARCHITECTURE.md)"
                                % gateway_sub(path)))
    return problems


def check_private_guard(path, code):
    if not path.endswith("_int.h"):
        return []
    lines = [l.strip() for l in code if l.strip()]
    for i, line in enumerate(lines[:-1]):
        if re.match(r"#\s*ifndef\s+IFGW_\w+_INTERNAL\b", line) and re.match(r"#\s*error\b", lines[i + 1]):
            return []
    return [Problem(path, 1, "private-guard", "guard",
                    "private header without `#ifndef IFGW_<MODULE>_INTERNAL` / `#error`")]


def apply_allows(path, problems, comments):
    """Drop the problems excused on their line; report bad or idle excuses."""
    allows = {}
    out = []
    for no, text in enumerate(comments, 1):
        for m in ALLOW_RE.finditer(text):
            word, reason = m.group(1), (m.group(2) or "").strip()
            if not reason:
                out.append(Problem(path, no, "allow", word, "allow %s without a (reason)" % word))
                continue
            allows.setdefault(no, []).append([word, False])
    for p in problems:
        excused = False
        for entry in allows.get(p.line, []):
            if entry[0] in (p.rule, p.subject):
                entry[1] = excused = True
        if not excused:
            out.append(p)
    for no in sorted(allows):
        for word, used in allows[no]:
            if not used:
                out.append(Problem(path, no, "allow", word, "allow %s excuses nothing on this line" % word))
    return out


def check_error_clear(path, code):
    if top_folder(path) in ERROR_CLEAR_ENTRY or path in ERROR_CLEAR_HOME:
        return []
    call = re.compile(r"(?<![\w.])(?<!->)\bifgw_error_clear\s*\(")
    return [Problem(path, no, "error-clear", "ifgw_error_clear",
                    "ifgw_error_clear() in library code: save and restore around a handled failure (base/error.h)")
            for no, line in enumerate(code, 1) if call.search(line)]


def check_file(path, text):
    code, comments = lex(text)
    raw = text.split("\n")
    problems = []
    problems += check_calls(path, code)
    problems += check_typedefs(path, code)
    problems += check_includes(path, code, raw)
    problems += check_private_guard(path, code)
    problems += check_error_clear(path, code)
    problems = apply_allows(path, problems, comments)
    return sorted(problems, key=lambda p: (p.line, p.rule))


def tree_files(top):
    for folder in CHECKED:
        base = os.path.join(top, folder)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith((".c", ".h")):
                    continue
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, top).replace(os.sep, "/")
                if rel in SKIP_FILES or any(rel.startswith(d) for d in SKIP_DIRS):
                    continue
                yield rel, full


def check_symbols(nm_path, archive="libifgw.a"):
    """Read `nm -g --defined-only` output; flag globals without ifgw_."""
    problems = []
    member = "?"
    with open(nm_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.endswith(":"):
                member = line[:-1].split("[")[-1].rstrip("]")
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            kind, name = parts[-2], parts[-1]
            if kind in ("U", "w", "v") or name.startswith("ifgw_"):
                continue
            if name in ALLOWED_SYMBOLS or name.startswith(TOOL_SYMBOL_PREFIXES):
                continue
            problems.append("%s(%s): symbol: %s (%s): a global without the ifgw_ prefix"
                            % (archive, member, name, kind))
    return problems


def main(argv):
    ap = argparse.ArgumentParser(description="check ifgw's sources against the project's rules")
    ap.add_argument("--top", help="the source tree to check")
    ap.add_argument("--symbols", help="output of `nm -g --defined-only libifgw.a`")
    ap.add_argument("--as", dest="as_", nargs=2, action="append", metavar=("PATH", "FILE"),
                    help="check FILE as if it were PATH in the tree")
    args = ap.parse_args(argv)
    if not args.top and not args.as_ and not args.symbols:
        ap.error("nothing to check: give --top, --as or --symbols")
    lines = []
    count = 0
    files = []
    if args.top:
        files += list(tree_files(args.top))
    for path, full in args.as_ or []:
        files.append((path, full))
    for path, full in files:
        with open(full, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for p in check_file(path, text):
            lines.append(str(p))
        count += 1
    if args.symbols:
        lines += check_symbols(args.symbols)
    for line in lines:
        print(line)
    if lines:
        print("checksrc: %d problem(s) in %d file(s) checked" % (len(lines), count), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
