"""Isolation twins (seed 59.2 "Process Isolation", 59.34 "Assuming globals are shared").

A child works on its own copy (fork: copy-on-write pages; spawn/forkserver: objects rebuilt
from pickles), so nothing it does to ordinary objects or module globals is seen by the parent.
"""

import copy
import sys

from ._common import ParamError, observation, scenario

# Module globals the child mutates; the parent must still see the import-time values.
COUNTER = 0
ITEMS = []

_MUTATION_ARITY = {"append": 2, "set": 3, "pop": 1, "clear": 1, "insert": 3}


def validate_mutations(mutations):
    if not isinstance(mutations, list):
        raise ParamError("parameter 'mutations' must be a list of [op, ...] lists")
    for m in mutations:
        if not isinstance(m, list) or not m or m[0] not in _MUTATION_ARITY:
            raise ParamError(f'bad mutation {m!r}: ops are {", ".join(sorted(_MUTATION_ARITY))}')
        if len(m) != _MUTATION_ARITY[m[0]]:
            raise ParamError(f"mutation {m!r} takes {_MUTATION_ARITY[m[0]]} element(s)")
        if m[0] in ("set", "insert") and (isinstance(m[1], bool) or not isinstance(m[1], int)):
            raise ParamError(f"mutation {m!r} needs an integer index")
    return mutations


def apply_mutations(data, mutations):
    """The mutation language shared with the C# scenario: ``set`` takes its index modulo the
    length and is skipped on an empty list, ``pop`` removes the last item and is skipped on an
    empty list, ``insert`` has Python's list.insert semantics (index clamped to the ends)."""
    for m in mutations:
        op = m[0]
        if op == "append":
            data.append(m[1])
        elif op == "set":
            if data:
                data[m[1] % len(data)] = m[2]
        elif op == "pop":
            if data:
                data.pop()
        elif op == "clear":
            del data[:]
        elif op == "insert":
            data.insert(m[1], m[2])
    return data


def _mutate_in_child(data, mutations, expected_after):
    apply_mutations(data, mutations)
    sys.exit(0 if data == expected_after else 3)


@scenario("isolation.mutation-invisible",
          defaults={"data": [1, 2, [3, 4], {"k": "v"}],
                    "mutations": [["append", 5], ["set", 0, "x"], ["pop"], ["insert", 1, [6]]]})
def mutation_invisible(ctx, params):
    data = params["data"]
    if not isinstance(data, list):
        raise ParamError("parameter 'data' must be a JSON list")
    mutations = validate_mutations(params["mutations"])
    snapshot = copy.deepcopy(data)
    expected_after = apply_mutations(copy.deepcopy(data), mutations)
    p = ctx.start(_mutate_in_child, (data, mutations, expected_after))
    ctx.join(p, "mutating child")
    unchanged = data == snapshot
    state = "unchanged" if unchanged else f"CHANGED to {data!r}"
    detail = f"parent data after child: {state}; child exit 0 = child saw its own mutations ({len(mutations)} ops)"
    return observation(("parent_unchanged", unchanged), ("child_exitcode", p.exitcode)), detail


def _bump_globals():
    global COUNTER
    before = (COUNTER, list(ITEMS))
    COUNTER += 1
    ITEMS.append("child")
    # 0: the child sees its own writes; 3: it does not (would be a bug in the twin).
    sys.exit(0 if (COUNTER, ITEMS) == (before[0] + 1, before[1] + ["child"]) else 3)


@scenario("isolation.global-invisible")
def global_invisible(ctx, params):
    before = (COUNTER, list(ITEMS))
    p = ctx.start(_bump_globals)
    ctx.join(p, "child bumping globals")
    after = (COUNTER, list(ITEMS))
    unchanged = after == before
    detail = f"parent COUNTER/ITEMS before {before!r}, after {after!r}"
    return observation(("parent_global_unchanged", unchanged), ("child_exitcode", p.exitcode)), detail
