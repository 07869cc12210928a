"""Settings: defaults, lkjip.toml, a year's metadata and notebook parameters, each validated."""

import pytest

from lkjip import config
from lkjip.cli import main, parse_years
from lkjip.errors import ConfigError, LkjipError


def write_toml(root, text):
    (root / "lkjip.toml").write_text(text, encoding="utf-8")


def test_layers_apply_in_order_and_say_where_each_setting_came_from(tmp_path):
    write_toml(tmp_path, '[analisis]\nskala_predikat = "pati_85"\nrumus_negatif = "t_per_r"\n')
    s = config.settings(
        tmp_path, tahun_settings={"rumus_negatif": "2t_minus_r"}, skala_predikat="sangat_baik_91"
    )
    assert (s["skala_predikat"], s["rumus_negatif"], s["batas_wajar_pct"]) == (
        "sangat_baik_91",
        "2t_minus_r",
        300.0,
    )
    assert s["sumber"] == {
        "skala_predikat": "parameter",
        "rumus_negatif": "metadata",
        "batas_wajar_pct": "bawaan",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[analisis]\nrumus_negatif = "t/r"\n', "use one of 2t_minus_r, t_per_r"),
        ('[analisis]\nskala = "pati_85"\n', "unknown setting 'skala'"),
        ("[analisis]\nbatas_wajar_pct = -5\n", "a number above 0"),
        ('[analysis]\nrumus_negatif = "t_per_r"\n', "unknown table or key 'analysis'"),
        ("[analisis\n", "not valid TOML"),
    ],
)
def test_a_typo_in_lkjip_toml_is_a_one_line_error_with_exit_2(tmp_path, monkeypatch, capsys, text, message):
    write_toml(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        config.settings(tmp_path)
    monkeypatch.setenv("LKJIP_ROOT", str(tmp_path))
    (tmp_path / "data" / "raw" / "2023").mkdir(parents=True)
    assert main(["audit", "--year", "2023"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lkjip: error: lkjip.toml") and message in err and err.count("\n") == 1


def test_a_parameter_outside_its_choices_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="skala_predikat"):
        config.settings(tmp_path, skala_predikat="nasional")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2023", [2023]),
        ("2021-2023", [2021, 2022, 2023]),
        ("2023, 2021", [2021, 2023]),
        ("2022-2022", [2022]),
    ],
)
def test_year_arguments(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "write a year"),
        ("../../tmp", "write a year"),
        ("2024-2023", "runs backwards"),
        ("23", "write a year"),
    ],
)
def test_bad_year_arguments_are_refused(text, message):
    with pytest.raises(LkjipError, match=message):
        parse_years(text)
