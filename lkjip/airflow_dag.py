"""An Airflow 3 DAG that builds a workspace of agencies: one task group per agency and year, then the index.

Drop a one-line file into Airflow's ``dags/`` folder::

    from lkjip.airflow_dag import dag  # noqa: F401

Settings (environment variables, or Airflow Variables of the same name):

* ``LKJIP_WORKSPACE``: the workspace folder (subfolders are agency projects);
* ``LKJIP_BIN``: the ``lkjip`` command to call (default: ``lkjip`` on the ``PATH``), so lkjip
  can live in its own virtual environment, apart from Airflow's;
* ``LKJIP_POOL``: an Airflow pool for the build and audit tasks (create it first, sized by the
  workers' CPUs: ``airflow pools set lkjip 8 "lkjip builds"``); without it the tasks use
  ``default_pool`` and the DAG runs at most as many tasks at once as this machine has CPUs.

Agencies and years are found in the workspace when the DAG file is parsed. Each
group runs ``lkjip build`` with one worker, then ``lkjip audit`` against the
agency's baseline ``audit/baseline-<year>.json``: the first run writes it (the
slips the report has on that day are known), later runs fail only on slips not in
it. Delete the file to accept the current slips, or replace it with a reviewed
``lkjip audit --json`` output. A task is retried only when the year's lock is busy
(exit 4); bad data (2), a failed section (3), a file system that cannot lock (5)
or a new audit error (1) fail at once. After every group, ``lkjip workspace index`` writes the cross-agency page,
also when some agencies failed; the run as a whole fails when any agency failed
(the leaf ``semua_berhasil`` waits for every group).
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from lkjip.cli import EXIT_BUSY, EXIT_OK

BASELINE = "audit/baseline-{year}.json"  # under the agency's project root

DAG_ID = "lkjip_workspace"
TASK_TIMEOUT = timedelta(minutes=30)


def setting(name: str, default: str | None = None) -> str | None:
    """Return an environment variable, else the Airflow Variable of that name, else ``default``."""
    if os.environ.get(name):
        return os.environ[name]
    try:
        from airflow.sdk import Variable

        return Variable.get(name, default=default)
    except Exception:  # no Airflow, or no metadata database at parse time
        return default


def run(args: list[str]) -> str:
    """Run ``lkjip`` with ``args``; return its output. Exit 4 raises a retryable error, any other failure a final one."""
    from airflow.sdk.exceptions import AirflowException, AirflowFailException

    done = subprocess.run([setting("LKJIP_BIN", "lkjip"), *args], capture_output=True, text=True, check=False)
    if done.returncode == EXIT_OK:
        return done.stdout
    message = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
    if done.returncode == EXIT_BUSY:
        raise AirflowException(f"lock busy, will retry: {message}")
    raise AirflowFailException(f"exit {done.returncode}: {message}")


def tasks(workspace: Path) -> list[tuple[str, int]]:
    """Return (agency folder name, year) for every agency and raw year of the workspace, sorted."""
    from lkjip import config
    from lkjip.workspace import agencies

    return [(root.name, year) for root in agencies(workspace) for year in config.paths(root).raw_years()]


def make_dag(workspace: Path):  # noqa: ANN201 - an airflow.sdk.DAG
    """Return the DAG for ``workspace``: a build-then-audit group per agency and year, then the index."""
    from airflow.providers.standard.operators.empty import EmptyOperator
    from airflow.sdk import DAG, task, task_group
    from airflow.utils.trigger_rule import TriggerRule

    default_args = {
        "pool": setting("LKJIP_POOL") or "default_pool",
        "retries": 3,
        "retry_delay": timedelta(minutes=2),
        "execution_timeout": TASK_TIMEOUT,
    }
    with DAG(
        dag_id=DAG_ID,
        schedule="0 2 * * *",
        start_date=datetime(2024, 1, 1),
        catchup=False,
        max_active_tasks=os.cpu_count() or 2,  # one lkjip worker per task: as many tasks as CPUs
        default_args=default_args,
        tags=["lkjip"],
    ) as built:

        @task
        def build(agency: str, year: int) -> str:
            return run(["--root", str(workspace / agency), "build", "--year", str(year), "--jobs", "1"])

        @task
        def audit(agency: str, year: int) -> str:
            root = workspace / agency
            baseline = root / BASELINE.format(year=year)
            if not baseline.exists():  # first run: today's slips are the known ones
                from lkjip.cache import write_atomic

                write_atomic(baseline, run(["--root", str(root), "audit", "--year", str(year), "--json"]))
                return f"baseline written: {baseline}"
            return run(
                ["--root", str(root), "audit", "--year", str(year), "--strict", "--baseline", str(baseline)]
            )

        @task(trigger_rule=TriggerRule.ALL_DONE, retries=0)
        def index() -> str:
            return run(["workspace", "index", str(workspace)])

        groups = []
        for agency, year in tasks(workspace):

            @task_group(group_id=f"{agency.replace('-', '_')}_{year}")
            def one(agency: str = agency, year: int = year) -> None:
                build.override(task_id="build")(agency, year) >> audit.override(task_id="audit")(agency, year)

            groups.append(one())
        groups >> index()
        # the run fails when an agency failed, although the index was written for all of them
        groups >> EmptyOperator(task_id="semua_berhasil")
    return built


_workspace = setting("LKJIP_WORKSPACE")
dag = make_dag(Path(_workspace)) if _workspace else None
