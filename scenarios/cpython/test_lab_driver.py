"""End-to-end tests of the CPython lab driver through its command line (as the C# lab calls it).

Run: python3 -m unittest discover -s scenarios/cpython -p 'test_*.py'   (about 10 s)
Each call has a subprocess timeout; the driver itself reaps every child it starts.
"""

import json
import os
import subprocess
import sys
import unittest

import twins

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "lab_driver.py")
METHODS = ("fork", "spawn", "forkserver")
SCENARIO_KEYS = ["ok", "scenario", "start_method", "python_version", "observed", "detail", "hang"]


def run_driver(*args, **kw):
    """Returns (exit code, parsed JSON). Asserts the one-JSON-line contract on stdout."""
    proc = subprocess.run([sys.executable, DRIVER] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=kw.get("timeout", 60))
    lines = proc.stdout.decode("utf-8").splitlines()
    if len(lines) != 1:
        stderr = proc.stderr.decode("utf-8", "replace")[-2000:]
        raise AssertionError(f"expected exactly one stdout line, got {lines!r} (stderr: {stderr})")
    return proc.returncode, json.loads(lines[0])


def canonical(observed):
    """An answer's ``observed`` JSON object, checked (keys and values are strings), as one line
    ``key=value;key=value`` in its key order: the expectations below read like the README's table."""
    if not isinstance(observed, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in observed.items()):
        raise AssertionError(f"observed is not a JSON object of strings: {observed!r}")
    return ";".join(f"{key}={value}" for key, value in observed.items())


def scenario_answer(test, sid, method, params=None, timeout=None):
    """Runs one scenario and checks the answer's shape; returns the answer."""
    args = ["scenario", sid, "--method", method]
    if params is not None:
        args += ["--params", json.dumps(params)]
    if timeout is not None:
        args += ["--timeout", str(timeout)]
    code, out = run_driver(*args)
    test.assertEqual(code, 0, out)
    test.assertEqual(list(out), SCENARIO_KEYS, out)
    test.assertEqual((out["ok"], out["scenario"], out["start_method"]), (True, sid, method))
    test.assertIsInstance(out["hang"], bool)
    return out


def available_methods():
    import multiprocessing
    return [m for m in METHODS if m in multiprocessing.get_all_start_methods()]


class DriverCommandLineTests(unittest.TestCase):

    def scenario(self, sid, method, params=None):
        out = scenario_answer(self, sid, method, params)
        self.assertFalse(out["hang"], out)
        return canonical(out["observed"])

    def test_Info_ListsStartMethodsAndDefault(self):
        code, out = run_driver("info")
        self.assertEqual(code, 0)
        self.assertEqual(list(out), ["ok", "python_version", "implementation", "platform",
                                     "start_methods", "default_start_method"])
        self.assertTrue(out["ok"])
        self.assertIn("spawn", out["start_methods"])
        self.assertIn(out["default_start_method"], out["start_methods"])
        if sys.platform.startswith("linux"):
            self.assertEqual(out["start_methods"], ["fork", "spawn", "forkserver"])

    def test_List_HasEveryScenarioSortedAndEveryBenchmark(self):
        code, out = run_driver("list")
        self.assertEqual(code, 0)
        # Every registered twin, once (the C# CatalogContractTests match them to the catalog by id).
        self.assertEqual(sorted(out["scenarios"]), sorted(twins.ORDER))
        self.assertEqual(out["scenarios"], sorted(out["scenarios"]))
        self.assertIn("exit-codes.exit-137-vs-sigkill", out["scenarios"])
        self.assertEqual(out["benchmarks"], ["start-latency", "child-peak-rss", "start-rate", "queue-throughput",
                                             "pipe-throughput-1mib", "lock-uncontended", "shm-copy", "memcpy-baseline",
                                             "lock-handoff", "pool-chunksize", "executor-submit", "executor-map",
                                             "task-size-speedup", "argument-size-crossover", "cow-memory", "pool-worker-rss",
                                             "pool-worker-peak-rss", "manager-call"])

    def test_UnknownScenario_IsUsageErrorWithExit2(self):
        code, out = run_driver("scenario", "no.such-scenario", "--method", "spawn")
        self.assertEqual(code, 2)
        self.assertEqual(out["ok"], False)
        self.assertIn("no.such-scenario", out["error"])

    def test_UnavailableMethodOrBadParams_AreUsageErrors(self):
        for args in (["scenario", "exit-codes.return", "--method", "threads"],
                     ["scenario", "exit-codes.return"],
                     ["scenario", "exit-codes.explicit-exit", "--method", "spawn", "--params", "{bad"],
                     ["scenario", "exit-codes.explicit-exit", "--method", "spawn", "--params", '{"code": 256}'],
                     ["scenario", "exit-codes.explicit-exit", "--method", "spawn", "--params", '{"cod": 1}'],
                     ["bench", "start-latency", "--method", "spawn", "--n", "0"],
                     ["bench", "start-latency", "--method", "spawn", "--warmup", "-1"],
                     ["frobnicate"], []):
            code, out = run_driver(*args)
            self.assertEqual((code, out["ok"]), (2, False), args)
            self.assertTrue(out["error"], args)

    def test_Help_IsAJsonAnswer_AndUsageErrorsOfScenarioCarryHang(self):
        for args in (["help"], ["-h"], ["--help"], ["scenario", "-h"], ["bench", "start-latency", "--help"]):
            code, out = run_driver(*args)
            self.assertEqual((code, list(out), out["ok"]), (0, ["ok", "usage"], True), args)
            self.assertIn("lab_driver.py", out["usage"], args)
        for args in (["scenario", "exit-codes.return", "--meth", "fork"], ["scenario"],
                     ["scenario", "a", "b", "--method", "fork"], ["scenario", "exit-codes.return", "--method"]):
            code, out = run_driver(*args)
            self.assertEqual((code, out["ok"], out["hang"]), (2, False, False), args)
        code, out = run_driver("info", "extra")
        self.assertEqual((code, out["ok"]), (2, False))
        self.assertNotIn("hang", out)

    def test_ObservedIsAnObjectOfStrings_InKeyOrder(self):
        out = scenario_answer(self, "exit-codes.explicit-exit", "spawn", {"code": 3})
        self.assertEqual(list(out["observed"].items()), [("exitcode", "3")])
        self.assertIs(out["hang"], False)
        out = scenario_answer(self, "pickling.closure-target-refused", "spawn")
        self.assertEqual(out["observed"], {"refused": "true"})

    def test_Hang_IsAnEmptyObservationWithHangTrue(self):
        # A 1 s run leaves no room for the 2 s grace period: the twin raises Hang at once.
        out = scenario_answer(self, "termination.daemon-dies-with-parent", "spawn", timeout=1)
        self.assertEqual((out["observed"], out["hang"]), ({}, True), out)
        self.assertTrue(out["detail"])

    def test_ExplicitExit7_IsExitcode7_UnderEveryMethod(self):
        for method in available_methods():
            self.assertEqual(self.scenario("exit-codes.explicit-exit", method, {"code": 7}), "exitcode=7", method)

    def test_Exit137AndSigkill_StayDistinct(self):
        for method in available_methods():
            self.assertEqual(self.scenario("exit-codes.exit-137-vs-sigkill", method), "exit137=137;sigkill=-9", method)

    def test_UnhandledException_ExitsOneWithTracebackOnStderr(self):
        # forkserver included: its server is started lazily inside the driver's stderr capture.
        for method in available_methods():
            self.assertEqual(self.scenario("exit-codes.unhandled-exception", method),
                             "exitcode=1;error_reported=true", method)

    def test_Terminate_SkipsFinally(self):
        self.assertEqual(self.scenario("termination.terminate-skips-finally", "spawn"),
                         "exitcode=-15;finally_ran=false")

    def test_ClosureTarget_RefusedBySpawnButRunByFork(self):
        self.assertEqual(self.scenario("pickling.closure-target-refused", "spawn"), "refused=true")
        if "fork" in available_methods():
            self.assertEqual(self.scenario("pickling.closure-target-refused", "fork"), "refused=false;exitcode=0")

    def test_ChildSeesParentRuntimeState_OnlyUnderFork(self):
        self.assertEqual(self.scenario("start-methods.child-sees-parent-state", "spawn"),
                         "child_sees_parent_runtime_state=false")
        if "fork" in available_methods():
            self.assertEqual(self.scenario("start-methods.child-sees-parent-state", "fork"),
                             "child_sees_parent_runtime_state=true")

    def test_MutationInvisible_WithGeneratedData(self):
        params = {"data": [{"a": [1, 2]}, "s", 3], "mutations": [["clear"], ["append", {"b": []}], ["set", 5, 9],
                                                                  ["insert", -1, "z"], ["pop"], ["pop"], ["pop"]]}
        self.assertEqual(self.scenario("isolation.mutation-invisible", "spawn", params),
                         "parent_unchanged=true;child_exitcode=0")

    def test_TinyBenchmarks_HaveTheDocumentedShape(self):
        code, out = run_driver("bench", "start-latency", "--method", "spawn", "--n", "2", "--warmup", "1")
        self.assertEqual(code, 0, out)
        self.assertEqual(list(out)[:6], ["ok", "benchmark", "start_method", "python_version", "unit", "n"])
        self.assertEqual((out["unit"], len(out["samples"])), ("ms", 2))
        self.assertTrue(all(s > 0 for s in out["samples"]))
        code, out = run_driver("bench", "child-peak-rss", "--method", available_methods()[-1], "--n", "2",
                               "--warmup", "0")
        self.assertEqual(code, 0, out)
        self.assertEqual((out["unit"], len(out["samples"])), ("KiB", 2))
        self.assertTrue(all(isinstance(s, int) and s > 0 for s in out["samples"]))

    def test_IpcBenchmarks_TinyBatches_GiveUnitAndPositiveSamples(self):
        # Shape only, never timing. The in-process ones (lock, copies) run under one method: the start
        # method only changes how their objects are registered, not what is timed.
        cases = [("queue-throughput", {"messages": 50}, "msgs/s", True),
                 ("pipe-throughput-1mib", {"messages": 3, "size": 100000}, "MB/s", True),
                 ("lock-handoff", {"rounds": 20}, "ns", True),
                 ("manager-call", {"calls": 20}, "us", True),
                 ("lock-uncontended", {"pairs": 1000}, "ns", False),
                 ("shm-copy", {"mib": 1}, "GB/s", False),
                 ("memcpy-baseline", {"mib": 1}, "GB/s", False)]
        for bid, params, unit, every_method in cases:
            for method in (available_methods() if every_method else ["spawn"]):
                code, out = run_driver("bench", bid, "--method", method, "--n", "3", "--warmup", "1",
                                       "--params", json.dumps(params))
                self.assertEqual(code, 0, (bid, method, out))
                self.assertEqual((out["benchmark"], out["start_method"], out["unit"], out["params"]),
                                 (bid, method, unit, params))
                self.assertEqual(len(out["samples"]), 3, (bid, method))
                self.assertTrue(all(isinstance(x, (int, float)) and x > 0 for x in out["samples"]), (bid, method, out))

    def test_BenchParams_UnknownOrNotPositive_AreUsageErrors(self):
        for params in ('{"message": 5}', '{"messages": 0}', '{"messages": true}', '[1]', '{bad'):
            code, out = run_driver("bench", "queue-throughput", "--method", "spawn", "--n", "1", "--params", params)
            self.assertEqual((code, out["ok"]), (2, False), params)
            self.assertTrue(out["error"], params)


class IpcTwinTests(unittest.TestCase):
    """Certain observations of the pipes, queues, shared-memory and sync twins (README, "Observed")."""

    def observe(self, sid, method):
        return canonical(scenario_answer(self, sid, method)["observed"])

    def expect(self, sid, observed, methods=None):
        for method in methods or available_methods():
            self.assertEqual(self.observe(sid, method), observed, (sid, method))

    def test_Pipes_MessagesWholeAndKilledWriterIsEofDuringMessage(self):
        self.expect("pipes.messages-not-merged", "messages=3;sizes=1,0,2")
        self.expect("pipes.killed-writer-mid-message", "error=eof_during_message")
        self.expect("pipes.wrong-end-refused", "send_on_reader_refused=true;recv_on_writer_refused=true", ["spawn"])
        self.expect("pipes.poll-timeouts", "poll_zero=false;poll_negative=false;poll_after_send=true", ["spawn"])

    def test_Queues_ErrorsAndJoinDeadlockHazard(self):
        self.expect("queues.get-timeout-empty", "raised=empty", ["spawn"])
        self.expect("queues.closed-queue-put", "raised=closed", ["spawn"])
        self.expect("queues.task-done-too-many", "raised=value_error", ["spawn"])
        self.expect("queues.join-deadlock-hazard", "joined_before_drain=false;joined_after_drain=true", ["spawn"])

    def test_Queues_WriterKilledMidPut_GetBlocksPastItsTimeout(self):
        # CPython's get(timeout) bounds only the wait for the first byte; the twin unblocks it afterwards.
        self.expect("queues.killed-mid-put", "outcome=blocked", available_methods()[:1])

    def test_SharedMemory_ErrorsVisibilityAndNoLeftovers(self):
        before = self._lab_entries()
        self.expect("shared-memory.size-zero-refused", "raised=value_error", ["spawn"])
        self.expect("shared-memory.attach-missing", "raised=not_found", ["spawn"])
        self.expect("shared-memory.create-existing", "raised=exists", ["spawn"])
        self.expect("shared-memory.unlink-twice", "raised=not_found", ["spawn"])
        self.expect("shared-memory.child-writes-visible", "visible=true")
        self.expect("shared-memory.locked-counter", "total=4000", ["spawn"])
        self.assertEqual(self._lab_entries() - before, set())

    def test_SharedMemory_KilledOwnerEntry_StaysWithTheSharedTrackerOnly(self):
        # spawn/forkserver children use the parent's resource tracker, which cleans up only when the whole tree
        # has exited; a fork child of a parent without a tracker starts its own, which cleans up as it dies.
        before = self._lab_entries()
        for method in available_methods():
            expected = "false" if method == "fork" else "true"
            self.assertEqual(self.observe("shared-memory.killed-owner-entry", method),
                             "entry_left_while_parent_alive=" + expected, method)
        self.assertEqual(self._lab_entries() - before, set())

    def test_Sync_OwnershipRulesAndKilledHolder(self):
        self.expect("sync.lock-release-unlocked", "raised=value_error", ["spawn"])
        self.expect("sync.lock-released-by-other-process", "released=true", ["spawn"])
        self.expect("sync.rlock-non-owner-release", "refused=true", ["spawn"])
        self.expect("sync.bounded-semaphore-over-release", "refused=true", ["spawn"])
        self.expect("sync.barrier-timeout-breaks", "broken=true", ["spawn"])
        self.expect("sync.killed-holder-keeps-lock", "acquired=false")

    @staticmethod
    def _lab_entries():
        """The twins' own /dev/shm names ("lab-<pid>-..."; the engine's are "lab_...")."""
        try:
            return set(n for n in os.listdir("/dev/shm") if n.startswith("lab-"))
        except OSError:
            return set()


class PoolTwinTests(unittest.TestCase):
    """The pool twins (issue #6 §7) and forkserver twins: observed strings, mostly under fork (the
    cheapest pool start); the start method only changes how workers start (README, "Pool")."""

    def observe(self, sid, method, params=None):
        return canonical(scenario_answer(self, sid, method, params)["observed"])

    def test_Pool_MapFamilies_MatchTheSequentialResults(self):
        self.assertEqual(self.observe("pool.map-order", "fork"),
                         "chunksize_default=true;chunksize_1=true;chunksize_3=true;chunksize_100=true")
        self.assertEqual(self.observe("pool.imap-unordered-permutation", "fork"),
                         "imap_unordered_permutation=true;imap_in_order=true")
        self.assertEqual(self.observe("pool.starmap", "fork"), "starmap_equals_sequential=true;apply=5")
        self.assertEqual(self.observe("pool.empty-input", "fork"), "map=0;starmap=0;imap=0;imap_unordered=0")

    def test_Pool_DefaultChunksize_IsDivmodPlusOne(self):
        # divmod(10, 2 * 4) = (1, 2) -> 2; divmod(9, 1 * 4) = (2, 1) -> 3.
        self.assertEqual(self.observe("pool.default-chunksize", "fork"), "chunks=2,2,2,2,2")
        self.assertEqual(self.observe("pool.default-chunksize", "fork", {"n": 9, "processes": 1}), "chunks=3,3,3")

    def test_Pool_ErrorsAndWorkerLifecycle(self):
        self.assertEqual(self.observe("pool.task-exception", "fork"),
                         "raised=value_error;message=multiple of 13: 13;remote_traceback=true;tasks_run=20")
        self.assertEqual(self.observe("pool.unserializable-result", "fork"),
                         "task_failed=true;error=serialization_error;worker_pid_unchanged=true")
        self.assertEqual(self.observe("pool.initializer-once-per-worker", "fork"),
                         "initializer_runs=3;workers=3;tasks_saw_one_run=true")
        self.assertEqual(self.observe("pool.maxtasksperchild-replaces-workers", "fork"),
                         "distinct_pids=3;pattern=0,0,1,1,2,2")
        self.assertEqual(self.observe("pool.use-after-close", "fork"),
                         "join_while_running=refused:Pool is still running;map_after_close=refused:Pool not running;"
                         "apply_after_close=refused:Pool not running;join_after_close=ok")
        self.assertEqual(self.observe("pool.bad-arguments", "fork"),
                         "processes_0=refused:Number of processes must be at least 1;"
                         "processes_negative=refused:Number of processes must be at least 1;"
                         + ("maxtasksperchild_0=refused:maxtasksperchild must be a positive int or None"
                            if sys.version_info >= (3, 10) else "maxtasksperchild_0=accepted"))  # the check is 3.10's

    def test_Pool_BrokenPools_BlockedUnderTheirWait(self):
        # CPython keeps respawning a worker whose initializer fails, and loses a killed worker's task
        # (bpo-22393, gh-96062): both twins answer `outcome=blocked` after `wait` seconds, never hang the driver.
        self.assertEqual(self.observe("pool.failing-initializer", "fork", {"wait": 1.0}), "outcome=blocked")
        self.assertEqual(self.observe("pool.worker-killed-during-map", "fork", {"wait": 1.0}), "outcome=blocked")

    def test_Pool_PropertyCase_ResultOrError(self):
        self.assertEqual(self.observe("pool.property-case", "fork",
                                      {"op": "map", "function": "mod7", "data": [7, 8, 20], "chunksize": 2}),
                         "result=0,1,6")
        self.assertEqual(self.observe("pool.property-case", "fork",
                                      {"op": "starmap", "function": "sub", "data": [[5, 2], [1, 4]]}),
                         "result=3,-3")
        self.assertEqual(self.observe("pool.property-case", "fork",
                                      {"op": "imap_unordered", "function": "negate", "data": [3, 1, 2], "chunksize": 2}),
                         "result=-3,-2,-1")
        self.assertEqual(self.observe("pool.property-case", "fork",
                                      {"op": "map", "function": "raise13", "data": [1, 26, 2], "processes": 1}),
                         "raised=value_error;message=multiple of 13: 26")

    def test_Forkserver_ChildSeesServerStateAndPreload(self):
        self.assertEqual(self.observe("start-methods.forkserver-server-state", "forkserver"),
                         "first_child=initial;second_child=initial")
        self.assertEqual(self.observe("start-methods.forkserver-server-state", "fork"),
                         "first_child=parent_runtime;second_child=parent_runtime")
        self.assertEqual(self.observe("start-methods.forkserver-preload", "forkserver"),
                         "preloaded_before_target=true")

    def test_PerformanceModelBenchmarks_TinySweeps_EveryMethod_NoBlockLeft(self):
        # Shape only, never timing (seeds 59.30, 59.34): a sweep answers one series per size and
        # mode. Under fork the resource tracker must be shared with the pool's workers, or a
        # worker's own tracker unlinks the block (bpo-39959).
        before = set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()
        cases = [("task-size-speedup", {"work_us": 2000, "task_us": [100, 1000]}, "ms",
                  [(100, 20, "serial"), (1000, 2, "serial"), (100, 20, "pool"), (1000, 2, "pool")], "task_us"),
                 ("argument-size-crossover", {"bytes": [1024, 65536], "traffic": 131072}, "us/task",
                  [(1024, 64, "channel"), (1024, 64, "shared-memory"), (65536, 2, "channel"), (65536, 2, "shared-memory")],
                  "bytes")]
        for bid, params, unit, points, size_key in cases:
            for method in available_methods():
                code, out = run_driver("bench", bid, "--method", method, "--n", "2", "--warmup", "0",
                                       "--params", json.dumps(params))
                self.assertEqual(code, 0, (bid, method, out))
                self.assertEqual(out["unit"], unit)
                self.assertNotIn("samples", out)
                self.assertEqual([(s["params"][size_key], s["params"]["tasks"], s["params"]["mode"]) for s in out["series"]],
                                 points, (bid, method))
                self.assertTrue(all(len(s["samples"]) == 2 and all(x > 0 for x in s["samples"]) for s in out["series"]), out)
        if os.path.isdir("/dev/shm"):
            self.assertEqual([n for n in set(os.listdir("/dev/shm")) - before if n.startswith("psm_")], [])
        code, out = run_driver("bench", "argument-size-crossover", "--method", "fork", "--params", '{"bytes": []}')
        self.assertEqual((code, out["ok"]), (2, False))

    def test_CowMemory_TinyStructure_EveryMethod_ThreeMeasuresPerMode(self):
        # Shape only (seeds 59.29): one series per mode and measure, positive KiB; uss <= pss <= rss.
        for method in available_methods():
            code, out = run_driver("bench", "cow-memory", "--method", method, "--n", "1", "--warmup", "0",
                                   "--params", '{"mib": 1}')
            self.assertEqual(code, 0, (method, out))
            self.assertEqual([(s["params"]["mode"], s["params"]["measure"]) for s in out["series"]],
                             [(m, k) for m in ("argument", "shared-memory") for k in ("rss", "pss", "uss")])
            figures = {(s["params"]["mode"], s["params"]["measure"]): s["samples"][0] for s in out["series"]}
            for mode in ("argument", "shared-memory"):
                self.assertTrue(0 < figures[(mode, "uss")] <= figures[(mode, "pss")] <= figures[(mode, "rss")], figures)

    def test_PoolBenchmarks_TinyBatches_GiveUnitAndPositiveSamples(self):
        cases = [("pool-chunksize", {"tasks": 200, "chunksize": 0}, "us/task", 2),
                 ("pool-chunksize", {"tasks": 200, "chunksize": 16}, "us/task", 2),
                 ("pool-worker-rss", {"tasks": 10}, "KiB", 4),
                 ("start-rate", {"starts": 3}, "starts/s", 2)]
        for bid, params, unit, count in cases:
            code, out = run_driver("bench", bid, "--method", "fork", "--n", "2", "--warmup", "1",
                                   "--params", json.dumps(params))
            self.assertEqual(code, 0, (bid, out))
            self.assertEqual((out["benchmark"], out["unit"], len(out["samples"])), (bid, unit, count))
            self.assertTrue(all(x > 0 for x in out["samples"]), out)


class ObservationBuilderTests(unittest.TestCase):
    """``_common.observation``, in process: the one builder of every twin's observation."""

    @classmethod
    def setUpClass(cls):
        if HERE not in sys.path:
            sys.path.insert(0, HERE)

    def test_Observation_IsOrderedCanonicalStrings(self):
        from twins._common import is_observation, observation
        obs = observation(("exitcode", -15), ("finally_ran", False), ("ok", True), ("value", None), ("text", "a;b=c"))
        self.assertEqual(list(obs.items()), [("exitcode", "-15"), ("finally_ran", "false"), ("ok", "true"),
                                             ("value", "null"), ("text", "a;b=c")])
        self.assertTrue(is_observation(obs))
        self.assertFalse(is_observation("exitcode=0"))
        self.assertEqual(observation(("a", 1)), observation(("a", 1)))
        self.assertEqual(observation(), {})

    def test_Observation_RefusesDuplicateKeysAndOtherValues(self):
        from twins._common import observation
        with self.assertRaises(ValueError):
            observation(("a", 1), ("a", 2))
        with self.assertRaises(TypeError):
            observation(("a", 1.5))


if __name__ == "__main__":
    unittest.main()
