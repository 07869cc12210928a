"""Airflow DAG: rebuild the LKjIP reports of every fiscal year each night, one task per year.

Copy this file into your Airflow ``dags/`` folder and set ``LKJIP_DIR`` to the project
checkout. Airflow is not a dependency of lkjip; the tasks only call its command line.
A year whose inputs did not change is a cache hit and takes under a second.

Exit codes of ``lkjip build``: 0 done, 2 bad raw data, 3 a section failed, 4 another build
of that year is running (the task fails and Airflow retries it).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

LKJIP_DIR = os.environ.get("LKJIP_DIR", "/opt/lkjip")
YEARS = [2023, 2024, 2025]  # the folders under data/raw/

with DAG(
    dag_id="lkjip_reports",
    start_date=datetime(2024, 1, 1),
    schedule="0 2 * * *",
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["lkjip"],
) as dag:
    for year in YEARS:
        build = BashOperator(
            task_id=f"build_{year}",
            bash_command=f"cd {LKJIP_DIR} && .venv/bin/lkjip build --year {year} --wait",
        )
        audit = BashOperator(
            task_id=f"audit_{year}",
            bash_command=f"cd {LKJIP_DIR} && .venv/bin/lkjip audit --year {year} --strict",
        )
        build >> audit
