#!/usr/bin/env python3
"""Generates idl/ampled.json, the program's interface that clients in any language are built from.

The Anchor CLI's `anchor idl build` needs the SBF toolchain; this does the same without it: it runs
the IDL-printing tests that Anchor's `idl-build` feature generates inside the program crate and
assembles their pieces as anchor-lang-idl's builder does (address, program, events, errors; module
paths shortened where unambiguous; lists sorted by name).

    python3 scripts/idl.py          # write idl/ampled.json
    python3 scripts/idl.py --check  # fail if idl/ampled.json is not what the code generates
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM = os.path.join(ROOT, "programs", "ampled")
OUTPUT = os.path.join(ROOT, "idl", "ampled.json")


def printed_idl() -> str:
    env = dict(os.environ)
    env.update(
        ANCHOR_IDL_BUILD_NO_DOCS="FALSE",
        ANCHOR_IDL_BUILD_RESOLUTION="TRUE",
        ANCHOR_IDL_BUILD_SKIP_LINT="FALSE",
        ANCHOR_IDL_BUILD_PROGRAM_PATH=PROGRAM,
    )
    command = [
        "cargo", "test", "--quiet", "--lib", "--features", "idl-build",
        "__anchor_private_print_idl", "--", "--show-output",
    ]
    done = subprocess.run(command, cwd=PROGRAM, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr + done.stdout)
        sys.exit("building the IDL failed (see above)")
    return done.stdout


def sections(stdout: str):
    """Yields (kind, text) for every `--- IDL begin KIND ---` ... `--- IDL end KIND ---` block."""
    kind, lines = None, []
    for line in stdout.splitlines():
        begin = re.fullmatch(r"--- IDL begin (\w+) ---", line)
        if kind is None and begin:
            kind, lines = begin.group(1), []
        elif kind is not None and line == f"--- IDL end {kind} ---":
            yield kind, "\n".join(lines)
            kind = None
        elif kind is not None:
            lines.append(line)


def assemble(stdout: str) -> dict:
    address, program, events, errors, constants, types = "", None, [], [], [], {}
    for kind, text in sections(stdout):
        if kind == "address":
            address = re.sub(r"[^0-9A-Za-z]", "", text)
        elif kind == "program":
            program = json.loads(text)
        elif kind == "event":
            piece = json.loads(text)
            event = piece["event"]
            events.append({"name": event["name"], "discriminator": event["discriminator"]})
            types.update((t["name"], t) for t in piece["types"])
        elif kind == "errors":
            errors = json.loads(text)
        elif kind == "const":
            constants.append(json.loads(text))
    if program is None:
        sys.exit("the program printed no IDL")
    types.update((t["name"], t) for t in program.get("types", []))

    idl = {"address": address, "metadata": program["metadata"]}
    if program.get("docs"):
        idl["docs"] = program["docs"]
    idl["instructions"] = program["instructions"]
    for key, value in (
        ("accounts", program.get("accounts", [])),
        ("events", events),
        ("errors", errors),
        ("types", list(types.values())),
        ("constants", constants),
    ):
        if value:
            idl[key] = value
    idl = shorten_paths(idl)
    for key in ("accounts", "constants", "events", "instructions", "types"):
        if key in idl:
            idl[key].sort(key=lambda item: item["name"])
    return idl


def shorten_paths(idl: dict) -> dict:
    """`"ampled::state::Member"` becomes `"Member"` unless another path ends in the same name."""
    text = json.dumps(idl)
    for path, name in set(re.findall(r'"((?:\w+::)+(\w+))"', text)):
        shortened = text.replace(f'"{path}"', f'"{name}"')
        if not re.search(rf'"(?:\w+::)+{name}"', shortened):
            text = shortened
    return json.loads(text)


def main() -> None:
    rendered = json.dumps(assemble(printed_idl()), indent=2, ensure_ascii=False) + "\n"
    if "--check" in sys.argv[1:]:
        current = open(OUTPUT, encoding="utf-8").read() if os.path.exists(OUTPUT) else ""
        if current != rendered:
            sys.exit("idl/ampled.json is stale: run `python3 scripts/idl.py` and commit it")
        print("idl/ampled.json is up to date")
        return
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as out:
        out.write(rendered)
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}")


if __name__ == "__main__":
    main()
