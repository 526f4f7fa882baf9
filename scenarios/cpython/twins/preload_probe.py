"""Imported only through ``set_forkserver_preload`` by the start-methods.forkserver-preload twin
(twins/pool.py): nothing else imports it, so finding it in a child's ``sys.modules`` before the
target runs means the forkserver loaded it. Registers no scenario."""

import os

LOADED_IN_PID = os.getpid()
