"""The shipped Airflow DAG runs under `dag.test()` on a three-agency workspace, one with bad data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fixture_agency import make_agency
from fixture_project import make_project

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
AIRFLOW = ROOT / ".venv-airflow" / "bin" / "airflow"


def test_the_dag_builds_good_agencies_fails_the_bad_one_at_once_and_writes_the_index(tmp_path):
    if not AIRFLOW.exists():
        if os.environ.get("LKJIP_REQUIRE_AIRFLOW"):
            pytest.fail("LKJIP_REQUIRE_AIRFLOW is set but .venv-airflow has no airflow (make airflow-venv)")
        pytest.skip("no .venv-airflow (make airflow-venv installs Airflow 3 for this test)")
    ws = tmp_path / "ws"
    for name, make in (("dinas_uji", make_project), ("dinkop", make_agency), ("rusak", make_project)):
        shutil.rmtree(make(ws / name) / "notebooks")
    bad = ws / "rusak" / "data" / "raw" / "2023" / "tabel_3_5_kesehatan_ksp.csv"
    bad.write_text(bad.read_text().replace("SEHAT,37", "SEHAT,tiga puluh"))
    home = tmp_path / "airflow"
    (home / "dags").mkdir(parents=True)
    (home / "dags" / "lkjip_dag.py").write_text("from lkjip.airflow_dag import dag  # noqa: F401\n")
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(home / "dags"),
        "LKJIP_WORKSPACE": str(ws),
        "LKJIP_BIN": str(ROOT / ".venv" / "bin" / "lkjip"),
        "LKJIP_POOL": "lkjip",
        "LKJIP_BROWSER": str(tmp_path / "no-browser"),  # the PDF is tested with the build, not here
    }
    env.pop("LKJIP_ROOT", None)

    def airflow(*args: str, code: int = 0) -> str:
        done = subprocess.run([str(AIRFLOW), *args], env=env, capture_output=True, text=True, timeout=1200)
        assert done.returncode == code, done.stderr[-2000:]
        return done.stdout

    def dag_test() -> tuple[str, dict]:
        """Run ``dag.test()`` on the shipped DAG; return the run's state and {task_id: {state, try_number, pool}}."""
        script = (
            "import json\nfrom airflow.models import TaskInstance\nfrom airflow.utils.session import create_session\n"
            "from lkjip.airflow_dag import dag\n"
            "run = dag.test()\n"
            "with create_session() as s:\n"
            "    tis = s.query(TaskInstance).filter(TaskInstance.dag_id == dag.dag_id,"
            " TaskInstance.run_id == run.run_id).all()\n"
            "    print('LKJIP-STATES ' + json.dumps({'run': str(run.state), 'tasks': {t.task_id: {'state': str(t.state),"
            " 'try_number': t.try_number, 'pool': t.pool} for t in tis}}))\n"
        )
        done = subprocess.run(
            [str(AIRFLOW.parent / "python"), "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith("LKJIP-STATES ")), None)
        assert line, done.stderr[-3000:]
        found = json.loads(line.removeprefix("LKJIP-STATES "))
        return found["run"], found["tasks"]

    airflow("db", "migrate")
    airflow("pools", "set", "lkjip", "2", "lkjip builds")
    airflow("dags", "reserialize")  # dag.test() in Airflow 3 runs a DAG that is serialized in the database
    run, state = dag_test()
    assert run == "failed"  # one agency has bad data
    assert {t["pool"] for t in state.values()} == {"lkjip"}
    for year in (2022, 2023):
        assert state[f"dinas_uji_{year}.build"]["state"] == "success"
    assert (
        state["dinkop_2025.build"]["state"] == "success" and state["dinkop_2025.audit"]["state"] == "success"
    )
    assert state["rusak_2023.build"]["state"] == "failed"
    assert int(state["rusak_2023.build"].get("try_number", 1)) == 1  # bad data is not retried
    assert state["rusak_2023.audit"]["state"] == "upstream_failed"
    assert state["index"]["state"] == "success" and state["semua_berhasil"]["state"] == "upstream_failed"
    page = (ws / "index.html").read_text(encoding="utf-8")
    assert "dinkop/reports/2025/lkjip-bab3-2025.html" in page and "tiga puluh" in page

    # the first run wrote each year's audit baseline: the fixture agency's known slips do not fail it
    baseline = ws / "dinkop" / "audit" / "baseline-2025.json"
    assert [s["tahun"] for s in json.loads(baseline.read_text(encoding="utf-8"))] == [2025]
    # a slip missing from the baseline is new: the next run's audit fails at once, builds are cache hits
    baseline.write_text("[]", encoding="utf-8")
    run, state = dag_test()
    assert run == "failed"
    assert state["dinkop_2025.build"]["state"] == "success"
    assert state["dinkop_2025.audit"]["state"] == "failed"
    assert int(state["dinkop_2025.audit"].get("try_number", 1)) == 1
    assert state["dinkop_2024.audit"]["state"] == "success"
