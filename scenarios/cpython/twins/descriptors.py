"""Descriptor twins (seed 59.27 "File Descriptors and Handles").

fork copies the parent's whole descriptor table; spawn execs a fresh interpreter, and
close-on-exec (set by Python on everything it opens, PEP 446) closes what was not passed; a
forkserver child is a fork of the server, which never had the parent's descriptors.
"""

import os
import socket
import sys

from ._common import ParamError, observation, require_int, scenario

# Exit code of a child that found the descriptor open (0: not open).
VISIBLE = 4


def open_descriptor_links():
    """readlink(2) of every entry of /proc/self/fd (proc(5)); an entry closed while listing is skipped."""
    links = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            links.add(os.readlink(f"/proc/self/fd/{name}"))
        except OSError:
            pass  # the listing's own descriptor, gone by the time it is read
    return links


def _exit_if_open(link):
    sys.exit(VISIBLE if link in open_descriptor_links() else 0)


def _open(kind, directory):
    """The resource, its closer and the parent's descriptor number for it (the pipe's read end)."""
    if kind == "file":
        f = open(os.path.join(directory, "unpassed.txt"), "x+")
        return f.close, f.fileno()
    if kind == "pipe":
        r, w = os.pipe()
        return (lambda: (os.close(r), os.close(w))), r
    if kind == "socket":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        s.listen()
        return s.close, s.fileno()
    raise ParamError(f"parameter 'kind' must be file, pipe or socket, not {kind!r}")


@scenario("descriptors.unpassed-invisible", defaults={"kind": "file"})
def unpassed_invisible(ctx, params):
    kind = params["kind"]
    directory = ctx.temp_path("descriptors")
    os.mkdir(directory)
    close, fd = _open(kind, directory)
    try:
        link = os.readlink(f"/proc/self/fd/{fd}")
        p = ctx.start(_exit_if_open, (link,))
        code = ctx.join(p, "child listing its descriptors")
    finally:
        close()
    if code == VISIBLE:
        return observation(("visible", True)), f"the child holds {link}"
    if code == 0:
        return observation(("visible", False)), f"the child does not hold {link}"
    return observation(("child_exitcode", code)), "the child failed to list its descriptors"


def _exit_with_held_ends(passed, passed_link, kept_link):
    """Exit code 20, plus 1 if the passed end is open here, plus 2 if the kept end is."""
    links = open_descriptor_links()
    sys.exit(20 + (passed_link in links) + 2 * (kept_link in links))


@scenario("descriptors.passed-only")
def passed_only(ctx, params):
    kept, passed = ctx.mp.Pipe()
    try:
        kept_link = os.readlink(f"/proc/self/fd/{kept.fileno()}")
        passed_link = os.readlink(f"/proc/self/fd/{passed.fileno()}")
        p = ctx.start(_exit_with_held_ends, (passed, passed_link, kept_link))
        code = ctx.join(p, "child listing its descriptors")
    finally:
        kept.close()
        passed.close()
    detail = f"passed {passed_link}, kept {kept_link}; child exit code {code}"
    if code is not None and 20 <= code <= 23:
        return observation(("passed_end_open", bool(code & 1)), ("kept_end_open", bool(code & 2))), detail
    return observation(("child_exitcode", code)), detail


def _write_into(f):
    f.write("child\n")
    f.flush()


@scenario("descriptors.open-file-argument")
def open_file_argument(ctx, params):
    directory = ctx.temp_path("descriptors")
    os.mkdir(directory)
    path = os.path.join(directory, "open.txt")
    with open(path, "w+") as f:
        p = ctx.process(_write_into, (f,))
        try:
            p.start()
        except Exception as e:
            return observation(("refused", True)), f"start() raised {type(e).__name__}: {e}"
        ctx.track(p)
        code = ctx.join(p, "child writing into the file")
    with open(path) as f:
        wrote = "child" in f.read()
    return observation(("refused", False), ("child_wrote", wrote)), f"child exit code {code}"


# The worker's own resource, opened by the pool initializer.
_RESOURCE = None


def _open_resource(directory):
    global _RESOURCE
    _RESOURCE = open(os.path.join(directory, f"res-{os.getpid()}"), "a", buffering=1)


def _use_resource(task):
    if _RESOURCE is None:
        raise RuntimeError("the initializer did not open the resource")
    _RESOURCE.write(f"{task}\n")
    return os.getpid()


@scenario("descriptors.initializer-reopens", defaults={"processes": 2, "tasks": 20})
def initializer_reopens(ctx, params):
    processes = require_int(params, "processes", 1, 8)
    tasks = require_int(params, "tasks", 1, 10000)
    directory = ctx.temp_path("descriptors")
    os.mkdir(directory)
    pool = ctx.mp.Pool(processes, _open_resource, (directory,))
    try:
        pids = ctx.result(pool.map_async(_use_resource, range(tasks), 1), "map over the pool")
        pool.close()
        pool.join()
    finally:
        pool.terminate()
    written = []
    for name in os.listdir(directory):
        if name.startswith("res-"):
            with open(os.path.join(directory, name)) as f:
                written += [(int(name[4:]), int(line)) for line in f.read().split()]
    in_its_file = sorted(written, key=lambda w: w[1]) == [(pid, task) for task, pid in enumerate(pids)]
    return (observation(("tasks_written", len(written)), ("each_in_its_worker_file", in_its_file)),
            f"{len(set(w[0] for w in written))} worker files")
