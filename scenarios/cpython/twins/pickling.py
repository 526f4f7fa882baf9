"""Pickling twins (seed 59.9 "Pickling and Process Boundaries", 59.34 "Common Mistakes").

spawn and forkserver pickle the Process object (target and args) in the parent during
start(), so a lambda, a closure or an unpicklable argument is refused there, before any child
exists. fork pickles nothing: the child simply has the objects.
"""

import threading

from ._common import observation, require_choice, scenario


def accept_argument(arg):
    return None


def _make_target(kind):
    if kind == "lambda":
        return lambda: None
    captured = ["seen by the closure"]

    def local_target():
        captured.append("ran")

    return local_target


def _gen():
    yield 1


def _make_argument(kind):
    if kind == "lock":
        return threading.Lock()
    return _gen()


def _try_start(ctx, target, args, what):
    p = ctx.process(target, args)
    try:
        p.start()
    except Exception as e:
        return observation(("refused", True)), f"start() raised {type(e).__name__}: {e}"
    ctx.track(p)
    ctx.join(p, what)
    return (observation(("refused", False), ("exitcode", p.exitcode)),
            f"start() accepted {what}; the child ran it")


@scenario("pickling.closure-target-refused", defaults={"kind": "closure"})
def closure_target_refused(ctx, params):
    kind = require_choice(params, "kind", ("closure", "lambda"))
    return _try_start(ctx, _make_target(kind), (), f"a {kind} target")


@scenario("pickling.unserializable-argument-refused", defaults={"kind": "lock"})
def unserializable_argument_refused(ctx, params):
    kind = require_choice(params, "kind", ("lock", "generator"))
    return _try_start(ctx, accept_argument, (_make_argument(kind),),
                      f'a {"threading.Lock()" if kind == "lock" else "generator"} argument')
