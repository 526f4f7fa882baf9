"""End-to-end tests of the CPython lab driver through its command line (as the C# lab calls it).

Run: python3 -m unittest discover -s scenarios/cpython -p 'test_*.py'   (about 10 s)
Each call has a subprocess timeout; the driver itself reaps every child it starts.
"""

import json
import os
import subprocess
import sys
import unittest

DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lab_driver.py")
METHODS = ("fork", "spawn", "forkserver")


def run_driver(*args, **kw):
    """Returns (exit code, parsed JSON). Asserts the one-JSON-line contract on stdout."""
    proc = subprocess.run([sys.executable, DRIVER] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=kw.get("timeout", 60))
    lines = proc.stdout.decode("utf-8").splitlines()
    if len(lines) != 1:
        raise AssertionError("expected exactly one stdout line, got %r (stderr: %s)"
                             % (lines, proc.stderr.decode("utf-8", "replace")[-2000:]))
    return proc.returncode, json.loads(lines[0])


def available_methods():
    import multiprocessing
    return [m for m in METHODS if m in multiprocessing.get_all_start_methods()]


class DriverCommandLineTests(unittest.TestCase):

    def scenario(self, sid, method, params=None):
        args = ["scenario", sid, "--method", method]
        if params is not None:
            args += ["--params", json.dumps(params)]
        code, out = run_driver(*args)
        self.assertEqual(code, 0, out)
        self.assertEqual(list(out), ["ok", "scenario", "start_method", "python_version", "observed", "detail"])
        self.assertTrue(out["ok"])
        self.assertEqual(out["scenario"], sid)
        self.assertEqual(out["start_method"], method)
        return out["observed"]

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

    def test_List_HasEveryScenarioAndBenchmark(self):
        code, out = run_driver("list")
        self.assertEqual(code, 0)
        self.assertEqual(len(out["scenarios"]), 20)
        self.assertIn("exit-codes.exit-137-vs-sigkill", out["scenarios"])
        self.assertEqual(out["benchmarks"], ["start-latency", "child-peak-rss"])

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


if __name__ == "__main__":
    unittest.main()
