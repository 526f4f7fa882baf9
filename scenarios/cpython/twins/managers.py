"""Manager twins (seed 59.18 "Managers"; CPython's multiprocessing/managers.py and the
challenge in connection.py).

A manager is a server process that owns objects; proxies send each method call to it over a
socket (an AF_UNIX one on Linux, under a private tempfile.mkdtemp directory) after an HMAC
challenge with the manager's authkey.
"""

import os
import signal
import threading

import multiprocessing.connection
import multiprocessing.process

from ._common import Hang, observation, require_int, scenario


def _append_hello(lst):
    lst.append("hello")


def _append_many(lst, process, count):
    for i in range(count):
        lst.append((process, i))


def _raised_name(e):
    if isinstance(e, multiprocessing.AuthenticationError):
        return "authentication_error"
    return type(e).__name__


def _guarded(ctx, call, what):
    """(raised, detail) of ``call`` run in a thread, so that a call that never returns is a Hang
    of the run, not a hung driver."""
    box = {}

    def run():
        try:
            box["result"] = call()
        except BaseException as e:  # noqa: B902 - what it raised is the observation
            box["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(ctx.remaining(10.0))
    if t.is_alive():
        raise Hang(f"{what} still blocked at the deadline")
    if "error" in box:
        e = box["error"]
        return True, f"{type(e).__name__}: {e}"
    return False, f"returned {box.get('result')!r}"


@scenario("managers.child-appends")
def child_appends(ctx, params):
    with ctx.mp.Manager() as manager:
        lst = manager.list()
        p = ctx.start(_append_hello, (lst,))
        code = ctx.join(p, "child")
        seen = list(lst)
    return observation(("parent_sees", ",".join(seen)), ("child_exitcode", code)), f"the parent's list proxy holds {len(seen)} item(s)"


@scenario("managers.isolation-versus-managed")
def isolation_versus_managed(ctx, params):
    plain = []
    with ctx.mp.Manager() as manager:
        managed = manager.list()
        ctx.join(ctx.start(_append_hello, (plain,)), "plain-list child")
        ctx.join(ctx.start(_append_hello, (managed,)), "managed-list child")
        managed_len = len(managed)
    return observation(("plain_len", len(plain)), ("managed_len", managed_len)), ""


@scenario("managers.proxy-after-shutdown")
def proxy_after_shutdown(ctx, params):
    manager = ctx.mp.Manager()
    address = manager.address
    lst = manager.list()
    lst.append(1)
    manager.shutdown()
    raised, how = _guarded(ctx, lambda: lst.append(2), "append after shutdown")
    return observation(("raised", raised), ("socket_left", os.path.exists(address))), how


@scenario("managers.killed-manager")
def killed_manager(ctx, params):
    with ctx.mp.Manager() as manager:
        lst = manager.list()
        lst.append(1)
        # _process: the manager's Process (managers.py BaseManager.start), the same in 3.9 to 3.14.
        os.kill(manager._process.pid, signal.SIGKILL)
        raised, how = _guarded(ctx, lambda: lst.append(2), "append after the kill")
    _remove_dead_servers_directory(manager.address)
    return observation(("raised", raised)), how


def _remove_dead_servers_directory(address):
    """A SIGKILLed server leaves its socket and, when it made its own (spawn, forkserver), its
    pymp- directory (util.get_temp_dir is removed by a finalizer that never ran). Under fork the
    directory may be this process's own, which it still uses: that one stays."""
    directory = os.path.dirname(address)
    own = multiprocessing.process.current_process()._config.get("tempdir")
    try:
        os.unlink(address)
    except OSError:
        pass
    if directory != own and os.path.basename(directory).startswith("pymp-"):
        try:
            os.rmdir(directory)
        except OSError:
            pass


@scenario("managers.concurrent-appends", defaults={"processes": 2, "appends": 50})
def concurrent_appends(ctx, params):
    processes = require_int(params, "processes", 1, 8)
    appends = require_int(params, "appends", 0, 10000)
    with ctx.mp.Manager() as manager:
        lst = manager.list()
        procs = [ctx.start(_append_many, (lst, n, appends)) for n in range(processes)]
        for p in procs:
            ctx.join(p, "appending child")
        got = [tuple(x) for x in lst]
    expected = sorted((n, i) for n in range(processes) for i in range(appends))
    codes = [p.exitcode for p in procs]
    detail = f"{processes} processes x {appends} appends, {len(got)} items; exit codes {codes}"
    return observation(("count_ok", len(got) == processes * appends), ("each_once", sorted(got) == expected)), detail


@scenario("managers.unauthenticated-refused")
def unauthenticated_refused(ctx, params):
    with ctx.mp.Manager() as manager:
        raised, how = "none", "the connection was accepted"
        try:
            multiprocessing.connection.Client(manager.address, authkey=os.urandom(32)).close()
        except Exception as e:
            raised, how = _raised_name(e), f"{type(e).__name__}: {e}"
        # A new proxy opens a new connection: the server still accepts and authenticates.
        lst = manager.list()
        lst.append("mine")
        serves_after = len(lst) == 1
    return observation(("raised", raised), ("serves_after", serves_after)), how
