"""Drop this file into Airflow's dags/ folder (Airflow 3, with lkjip installed: pip install 'lkjip[airflow]').

Set LKJIP_WORKSPACE (an environment variable or an Airflow Variable) to the workspace folder, and
LKJIP_BIN to the lkjip command when it lives in another virtual environment. See lkjip/airflow_dag.py.
"""

from lkjip.airflow_dag import dag  # noqa: F401
