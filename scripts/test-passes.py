#!/usr/bin/env python3
"""Prints the `swift test` regular expression of the suites tagged `.process` (they start a process
or a server: bops itself, python, the AWS CLI, the emulator, moto), for `.ci/run`'s two passes:

    swift test --parallel --skip "$(scripts/test-passes.py)"      # everything else, in parallel
    swift test --no-parallel --filter "$(scripts/test-passes.py)"  # the process suites, one by one

A suite is tagged in its `@Suite(...)` attribute; the regex names it as `Module.Type`. `--check`
also fails (exit 1) when a test file starts processes or servers without tagging its suites.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "Tests")
SUITE = re.compile(r"@Suite\b(\((?:[^()]|\([^()]*(?:\([^()]*\))*[^()]*\))*\))?\s*(?:final\s+)?(?:struct|class|enum|actor)\s+(\w+)")
# What a test calls to start a process or a server.
STARTS = re.compile(
    r"Process\(\)|withEmulator|MotoFixture\(|Moto\.url|CLIHarness\(|CLIHarness\.|AWSCLI\(|EmulatorServer\(|BotocoreOracle"
    r"|Python\.run|pythonDigest|SeededEmulator|LocalHTTPServer\b"
)


def suites():
    tagged, untagged = [], []
    for module in sorted(os.listdir(TESTS)):
        folder = os.path.join(TESTS, module)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            found = SUITE.findall(text)
            for attribute, type_name in found:
                (tagged if ".tags(.process)" in attribute else untagged).append((module, type_name, path, text))
    return tagged, untagged


def main():
    tagged, untagged = suites()
    if "--check" in sys.argv:
        bad = sorted({os.path.relpath(p, ROOT) for _, _, p, text in untagged if STARTS.search(text)})
        for path in bad:
            print(f"{path}: starts a process or a server but a suite of it is not tagged .process", file=sys.stderr)
        sys.exit(1 if bad else 0)
    names = sorted({f"{module}\\.{type_name}" for module, type_name, _, _ in tagged})
    print("(" + "|".join(names) + r")\b")


if __name__ == "__main__":
    main()
