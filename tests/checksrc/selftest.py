#!/usr/bin/env python3
"""selftest.py: prove scripts/checksrc.py fails when it should (make check).

Each file in cases/ starts with `/* checksrc-test: as PATH */`: it is checked
as if it stood at PATH in the tree (the layer rules depend on the path).  A
line that must be flagged carries `/* expect: RULE [RULE...] */`.  The checker
must report exactly those (line, rule) pairs, no more and no fewer, and exit 1
when there are any, 0 when there are none.  Then: libifgw.a's symbols (a fake
`nm` listing), and a walk over a small tree (what `make checksrc` does), which
must skip the self-test's own snippets and the generated ISO 4217 table."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get("top_srcdir") or os.path.join(HERE, "..", "..")
CHECKSRC = os.path.join(TOP, "scripts", "checksrc.py")
CASES = os.path.join(HERE, "cases")

AS_RE = re.compile(r"checksrc-test:\s*as\s+(\S+)")
EXPECT_RE = re.compile(r"/\*\s*expect:([^*(]*)")
PROBLEM_RE = re.compile(r"^(\S+?):(\d+): ([\w-]+): ")

failures = 0


def fail(name, why):
    global failures
    failures += 1
    print("FAIL %s: %s" % (name, why))


def run(args):
    proc = subprocess.run([sys.executable, CHECKSRC] + args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    return proc.returncode, proc.stdout.splitlines(), proc.stderr


def check_case(name):
    full = os.path.join(CASES, name)
    with open(full, encoding="utf-8") as f:
        lines = f.read().split("\n")
    m = AS_RE.search(lines[0])
    if not m:
        fail(name, "first line does not say `checksrc-test: as PATH`")
        return
    path = m.group(1)
    expected = []
    for no, line in enumerate(lines, 1):
        for em in EXPECT_RE.finditer(line):
            expected += [(no, rule) for rule in em.group(1).split()]
    rc, out, err = run(["--as", path, full])
    got = []
    for line in out:
        pm = PROBLEM_RE.match(line)
        if not pm or pm.group(1) != path:
            fail(name, "not `%s:line: rule: what`: %s" % (path, line))
            continue
        got.append((int(pm.group(2)), pm.group(3)))
    if sorted(got) != sorted(expected):
        missed = sorted(set(expected) - set(got)) or [e for e in expected if expected.count(e) > got.count(e)]
        extra = sorted(set(got) - set(expected)) or [g for g in got if got.count(g) > expected.count(g)]
        fail(name, "missed %s, extra %s\n%s" % (missed, extra, "\n".join(out)))
    elif rc != (1 if expected else 0):
        fail(name, "exit status %d with %d problem(s)\n%s" % (rc, len(expected), err))
    else:
        print("ok %s (%d flagged)" % (name, len(expected)))


def check_symbols():
    rc, out, _ = run(["--symbols", os.path.join(CASES, "symbols.nm")])
    got = sorted(re.sub(r" \(.*", "", l.split(": symbol: ")[1]) for l in out if ": symbol: " in l)
    want = ["edi_counter", "edi_encode", "weak_helper"]
    if got != want or len(out) != len(want) or rc != 1:
        fail("symbols.nm", "want %s with status 1, got status %d:\n%s" % (want, rc, "\n".join(out)))
    else:
        print("ok symbols.nm (%d flagged)" % len(want))


def check_walk():
    """The tree walk: finds a problem in a library folder, skips the self-test
    snippets and the generated table, and passes a clean tree."""
    tmp = tempfile.mkdtemp(prefix="checksrc-selftest.")
    try:
        def put(rel, text):
            full = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        put("base/ok.c", '#include "base/buf.h"\nint ifgw_ok(void);\n')
        put("tests/checksrc/cases/bad.c", "void f(char *b) { sprintf(b, \"x\"); }\n")
        put("currency/iso4217_table.c", "double generated;\n")
        put("docs/notes.c", "void g(char *b) { strcpy(b, \"x\"); }\n")
        rc, out, _ = run(["--top", tmp])
        if rc != 0 or out:
            fail("walk", "a clean tree fails (status %d):\n%s" % (rc, "\n".join(out)))
            return
        put("gateway/ingest/bad.c", '#include "cli/cli.h"\nvoid h(char *b) { strcat(b, "x"); }\n')
        rc, out, _ = run(["--top", tmp])
        want = ["gateway/ingest/bad.c:1: layer:", "gateway/ingest/bad.c:2: banned:"]
        if rc != 1 or [l[:len(w)] for l, w in zip(out, want)] != want or len(out) != 2:
            fail("walk", "want %s, got status %d:\n%s" % (want, rc, "\n".join(out)))
            return
        print("ok walk")
    finally:
        shutil.rmtree(tmp)


def main():
    if not os.path.exists(CHECKSRC):
        print("FAIL: %s not found" % CHECKSRC)
        return 1
    names = sorted(n for n in os.listdir(CASES) if n.endswith((".c", ".h")))
    if len(names) < 10:
        fail("cases", "only %d cases found in %s" % (len(names), CASES))
    for name in names:
        check_case(name)
    check_symbols()
    check_walk()
    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
