#!/usr/bin/env python3
"""Generates idl/ampled.json, the program's interface that clients in any language are built from.

The Anchor CLI's `anchor idl build` needs the SBF toolchain; this does the same without it: it runs
the IDL-printing tests that Anchor's `idl-build` feature generates inside the program crate and
assembles their pieces as anchor-lang-idl's builder does (address, program, events, errors; module
paths shortened where unambiguous; lists sorted by name).

One addition beyond Anchor 1.2.2: the two accounts `#[event_cpi]` appends to every instruction get
their fixed addresses, the event authority as a PDA of seeds ["__event_authority"] (as Anchor 0.30
to 0.32 wrote it) and `program` as the program id. Anchor 1.x checks the event authority with
`address = crate::EVENT_AUTHORITY_AND_BUMP.0`, an expression its IDL builder does not turn into an
address, so `anchor build` leaves both accounts bare; Anchor's TypeScript client fills them in by
name, but generators that read only the IDL (Codama) would make every caller pass them.

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
    for instruction in idl["instructions"]:
        add_event_cpi_addresses(instruction["accounts"], address)
        correct_seeds(instruction)
    for key in ("accounts", "constants", "events", "instructions", "types"):
        if key in idl:
            idl[key].sort(key=lambda item: item["name"])
    return idl


EVENT_AUTHORITY_SEED = b"__event_authority"

# The order in which anchor-lang-idl-spec serializes an instruction account's keys.
ACCOUNT_KEYS = ("name", "docs", "writable", "signer", "optional", "address", "pda", "relations")


def add_event_cpi_addresses(accounts: list, program_id: str) -> None:
    """Gives the `event_authority` and `program` accounts that `#[event_cpi]` appends to an
    accounts struct (its last two: read-only, not signers) the addresses they must have."""
    for item in accounts:
        if "accounts" in item:
            add_event_cpi_addresses(item["accounts"], program_id)
    if len(accounts) < 2:
        return
    authority, program = accounts[-2], accounts[-1]
    if (authority["name"], program["name"]) != ("event_authority", "program"):
        return
    for account in (authority, program):
        if set(account) & {"accounts", "writable", "signer", "optional", "relations"}:
            sys.exit(f"`{account['name']}` is not what #[event_cpi] adds: {json.dumps(account)}")
    # A later Anchor that writes them itself is left to say what it means.
    if "pda" not in authority and "address" not in authority:
        authority["pda"] = {"seeds": [{"kind": "const", "value": list(EVENT_AUTHORITY_SEED)}]}
    program.setdefault("address", program_id)
    for account in (authority, program):
        ordered = {key: account[key] for key in ACCOUNT_KEYS if key in account}
        account.clear()
        account.update(ordered)


# Seeds Anchor cannot read from a constraint, which its IDL would describe wrongly, so that a
# client deriving the address from the IDL would get another one.
SEED_CORRECTIONS = {
    # `args.name_seed()` is the name's bytes: names are at most 32 bytes, which the program
    # checks, so the seed is the `name` field, not the whole serialized `args`.
    ("create_community", "community"): {"kind": "arg", "path": "args.name"},
    # The category's one-byte seed lives inside the proposal's action, which no IDL seed can
    # reach: clients pass this account (`ix::budget_address`) instead of deriving a wrong one.
    ("execute_set_category_budget", "category_budget"): None,
}


def correct_seeds(instruction: dict) -> None:
    for account in instruction["accounts"]:
        key = (instruction["name"], account["name"])
        if key not in SEED_CORRECTIONS:
            continue
        correction = SEED_CORRECTIONS[key]
        if correction is None:
            account.pop("pda", None)
        else:
            account["pda"]["seeds"][-1] = correction


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
