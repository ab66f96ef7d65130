"""Where the plans of a build are built: worker processes of this machine or a Dask cluster.

Both are executors with one in-order `map`, so the build hands them the same tasks and writes
the outcomes in plan order wherever they were made. Dask is imported only when a scheduler is
named, so a build on one machine needs nothing more than plankg's own dependencies.
"""

from __future__ import annotations

import abc
import contextlib
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.pool import Pool
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from plankg.errors import PlankgError

if TYPE_CHECKING:
    from distributed import Client, Future

Task = TypeVar("Task")
Outcome = TypeVar("Outcome")

# Seconds to reach the scheduler and to find a worker there before the build gives up, naming it.
SCHEDULER_TIMEOUT = 10.0
INSTALL_HINT = "pip install 'plankg[cluster]'"


class Executor(contextlib.AbstractContextManager["Executor"]):
    """Runs one function over tasks somewhere and gives the outcomes back in the tasks' order."""

    what: str  # for the progress line: where the plans are built

    @abc.abstractmethod
    def map(self, work: Callable[[Task], Outcome], tasks: list[Task]) -> Iterator[Outcome]: ...

    @abc.abstractmethod
    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...


class LocalPool(Executor):
    """`jobs` worker processes of this machine, started afresh (spawn: no fork, so a JVM or
    rdflib's state never reaches a worker) and each replaced after `per_worker` tasks, so that
    memory fragmented by one plan never accumulates. One job or one task runs in this process."""

    def __init__(self, jobs: int, initializer: Callable[[], None], per_worker: int):
        self.jobs, self.initializer, self.per_worker = jobs, initializer, per_worker
        self.what = f"{jobs} process(es)"
        self._pool: Pool | None = None

    def map(self, work: Callable[[Task], Outcome], tasks: list[Task]) -> Iterator[Outcome]:
        if self.jobs == 1 or len(tasks) < 2:
            return map(work, tasks)
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(self.jobs, self.initializer, maxtasksperchild=self.per_worker)
        return self._pool.imap(work, tasks)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pool is None:
            return
        if error is None:
            self._pool.close()  # every task is done: let the workers end on their own
        else:
            self._pool.terminate()
        self._pool.join()  # the workers' memory then counts in this process's RUSAGE_CHILDREN
        self._pool = None


def scheduler_address(text: str) -> str:
    """A Dask scheduler's address, `tcp://HOST:PORT` (or `tls://`), refused before any work if it is not one."""
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or port is None:
        raise PlankgError(f"{text!r} is not the address of a Dask scheduler (tcp://HOST:PORT)")
    return text


class DaskCluster(Executor):
    """The workers of a Dask distributed cluster, reached through its scheduler. A task carries
    the data folder's path and the worker reads the plan itself, so the workers must see this
    machine's files at the same paths (workers on this machine, or a file system shared by all)."""

    def __init__(
        self, address: str, timeout: float = SCHEDULER_TIMEOUT, same_on_workers: Callable[[], object] | None = None
    ):
        self.address, self.timeout, self.same_on_workers = scheduler_address(address), timeout, same_on_workers
        self.what = f"the Dask cluster at {self.address}"
        self._client: Client | None = None

    def __enter__(self) -> DaskCluster:
        try:
            from distributed import Client
        except ImportError as error:
            raise PlankgError(f"--scheduler needs Dask's distributed package: {INSTALL_HINT}") from error
        try:
            self._client = client = Client(self.address, timeout=self.timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise self._unreachable(error) from error
        try:
            self._wait_for_a_worker(client)
            self._check_workers(client)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.what = f"the Dask cluster at {self.address} ({len(client.scheduler_info()['workers'])} worker(s))"
        return self

    def _wait_for_a_worker(self, client: Client) -> None:
        try:
            client.wait_for_workers(1, timeout=self.timeout)
        except (OSError, TimeoutError) as error:
            raise PlankgError(f"the Dask scheduler at {self.address} has no worker after {self.timeout:g} s") from error

    def _check_workers(self, client: Client) -> None:
        """Every worker gives `same_on_workers` this process's answer (plankg's code digest: a worker
        with other code would build other quads under the cache's key), before any plan is sent."""
        if self.same_on_workers is None:
            return
        here = self.same_on_workers()
        try:
            answers = client.run(self.same_on_workers)
        except Exception as error:  # Dask hands a worker's failure back as a bare Exception
            reason = " ".join(str(error).split())
            raise PlankgError(
                f"a worker of the Dask cluster at {self.address} cannot run plankg ({reason}): install it there"
            ) from error
        differing = sorted(worker for worker, answer in answers.items() if answer != here)
        if differing:
            raise PlankgError(
                f"the workers {', '.join(differing)} of the Dask cluster at {self.address} run other plankg code "
                "than this machine: install the same version there"
            )

    def _unreachable(self, error: Exception) -> PlankgError:
        reason = " ".join(str(error).split()) or type(error).__name__
        return PlankgError(f"cannot reach the Dask scheduler at {self.address} ({reason})")

    def map(self, work: Callable[[Task], Outcome], tasks: list[Task]) -> Iterator[Outcome]:
        if self._client is None:
            raise RuntimeError("map() of a cluster that was not entered")
        return self._in_order(deque(self._client.map(work, tasks, pure=False)))

    def _in_order(self, futures: deque[Future]) -> Iterator[Outcome]:
        """Each outcome as soon as it and every one before it are done; the cluster forgets it then."""
        from distributed import KilledWorker

        while futures:
            future = futures.popleft()
            try:
                outcome: Outcome = future.result()
            except KilledWorker as error:
                raise PlankgError(f"a worker of the Dask cluster at {self.address} died building a plan") from error
            future.release()
            yield outcome

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._client is not None:
            self._client.close()  # its tasks still waiting are cancelled with it
            self._client = None
