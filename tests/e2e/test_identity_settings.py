"""Identity settings with mistakes stop dbt before any SQL runs, with a message that names
the var, the entry and every problem (macros/identity/identity_settings.sql); the shipped
settings pass. The checks run as dbt run-operations on one parsed manifest, and once
through a real `dbt parse --vars` to show the models read their settings through them."""

from __future__ import annotations

import json

import pytest
from dbt.cli.main import dbtRunner

from scv.dbt_runner import DbtError, run_dbt
from scv.project import Paths, find_project_dir

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("settings")
    paths = Paths(find_project_dir(), root / "wh.duckdb", root / "demo")
    flags = [
        "--project-dir",
        str(paths.project_dir),
        "--profiles-dir",
        str(paths.project_dir),
        "--target-path",
        str(root / "target"),
        "--log-path",
        str(root / "logs"),
    ]
    with pytest.MonkeyPatch.context() as env:
        for key, value in paths.dbt_env().items():
            env.setenv(key, value)
        result = dbtRunner().invoke(["parse", *flags])
        assert result.success, result.exception
        yield result.result, flags, paths, root


def run_check(parsed, macro: str, args: dict | None = None) -> tuple[bool, str]:
    """Run one settings macro; whether it passed, and what dbt said."""
    manifest, flags, _paths, _root = parsed
    messages: list[str] = []
    runner = dbtRunner(manifest=manifest, callbacks=[lambda event: messages.append(event.info.msg)])
    command = ["run-operation", macro, *flags]
    if args is not None:
        command += ["--args", json.dumps(args)]
    result = runner.invoke(command)
    return result.success, "\n".join(str(message) for message in messages)


@pytest.mark.parametrize(
    "macro", ["identity_sources", "identity_links", "identifier_rules", "blocking_rules"]
)
def test_the_shipped_settings_pass(parsed, macro: str) -> None:
    passed, said = run_check(parsed, macro)
    assert passed, said


CASES = {
    "blocking_rules": (
        {
            "rules": [
                ["first_name_key", "last_name_key"],
                {"columns": ["phone_e164"], "max_blocksize": 5},
                {"columns": [], "max_block_size": 1},
                ["city", "city"],
                {"columns": ["city"], "when_either": "is flagged"},
            ]
        },
        [
            "var scv__blocking_rules is not valid",
            "rule 2: unknown key(s) max_blocksize (known: columns, max_block_size, when_either)",
            "rule 3: `max_block_size` must be an integer of at least 2, got 1",
            "rule 3: needs a non-empty list of spine columns",
            "rule 4: names a column twice: city, city",
            "rule 5: `when_either` must be a boolean column of the spine, got is flagged",
        ],
    ),
    "identity_sources": (
        {
            "sources": [
                {
                    "model": "stg_crm__contacts",
                    "source_system": "CRM",
                    "source_table": "contacts",
                    "record_id": "crm_contact_id",
                    "birthdate": "birth_date",
                    "attributes": {"jobtitle": "title"},
                    "verified": {"email": True},
                },
                {
                    "model": "stg_crm__contacts",
                    "source_system": "CRM",
                    "source_table": "contacts",
                    "record_id": "crm contact id",
                },
            ]
        },
        [
            "var scv__identity_sources is not valid",
            "source 1 (CRM/contacts): unknown key(s) birthdate",
            "`source_system` must be a lowercase name (letters, digits, _), got CRM",
            "`attributes` has unknown jobtitle (known: job_title, company_name",
            "`verified.email` must be a SQL condition, got True",
            "source 2 (CRM/contacts): `record_id` must be a name (letters, digits, _)",
            "source 2 (CRM/contacts): CRM/contacts is registered twice",
        ],
    ),
    "identity_links": (
        {
            "links": [
                {
                    "model": "stg_shop__orders",
                    "record_source": "shop/orders",
                    "record_id": "shop_customer_id",
                    "identifier_type": "email",
                    "identifier_value": "email",
                    "when": "true",
                },
                {"model": "stg_support__calls", "record_source": "support/users"},
            ]
        },
        [
            "var scv__identity_links is not valid",
            "link 1 (stg_shop__orders email): unknown key(s) when",
            "`record_source` must name a source of scv__identity_sources as "
            "source_system/source_table (crm/contacts, shop/customers",
            "got shop/orders",
            "link 2 (stg_support__calls None): `record_id` must be a name",
            "`identifier_value` must be a column, got None",
        ],
    ),
    "identifier_rules": (
        {"rules": {"email": {"max_people": 0}, "phone": {"maxpeople": 2}, "Loyalty": {}}},
        [
            "var scv__identifier_rules is not valid",
            "identifier type email: `max_people` must be an integer of at least 1, got 0",
            "identifier type phone: unknown key(s) maxpeople (known: max_people)",
            "identifier type Loyalty: must be a lowercase name",
        ],
    ),
}


@pytest.mark.parametrize("macro", sorted(CASES))
def test_a_mistake_is_named_with_every_other(parsed, macro: str) -> None:
    args, expected = CASES[macro]
    passed, said = run_check(parsed, macro, args)
    assert not passed
    missing = [part for part in expected if part not in said]
    assert not missing, f"not in dbt's message: {missing}\n{said}"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (
            "scv__match_probability_threshold",
            1.5,
            "must be a number above 0 and at most 1, got 1.5",
        ),
        ("scv__em_iterations", 2.5, "must be an integer of at least 1, got 2.5"),
        ("scv__max_cluster_size", True, "must be an integer of at least 2, got True"),
        ("scv__pin_match_parameters", "yes", "must be true or false, got yes"),
        (
            "scv__cannot_link_probability",
            1,
            "must be a number above 0 and below 1, or null (off), got 1",
        ),
        (
            "scv__review_probability_floor",
            0.99,
            "must be at most scv__match_probability_threshold (0.95), got 0.99",
        ),
    ],
)
def test_a_setting_out_of_range_is_named(parsed, name: str, value, expected: str) -> None:
    passed, said = run_check(parsed, "identity_setting", {"name": name, "value": value})
    assert not passed
    assert f"var {name} is not valid" in said and expected in said, said
    passed, said = run_check(parsed, "identity_setting", {"name": name})
    assert passed, said  # the shipped value


def test_models_read_their_settings_through_the_checks(parsed) -> None:
    _manifest, _flags, paths, root = parsed
    bad = json.dumps({"scv__identifier_rules": {"email": {"max_poeple": 2}}})
    with pytest.raises(DbtError, match=r"unknown key\(s\) max_poeple") as caught:
        run_dbt(
            ["parse", "--vars", bad, "--target-path", str(root / "target_vars")],
            paths,
        )
    assert "var scv__identifier_rules is not valid" in str(caught.value)
