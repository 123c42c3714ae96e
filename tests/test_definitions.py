"""Smoke test: the code location loads, with every stage, table and check in place."""

from pipeline import schema


def test_definitions_load_with_all_assets_and_checks():
    from pipeline.definitions import defs

    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert set(schema.tables()) <= keys
    assert "data_package" in keys
    check_keys = {(c.asset_key.to_user_string(), c.name) for c in repo.asset_graph.asset_check_keys}
    for table in schema.tables():
        assert (table, "matches_schema") in check_keys
    assert ("figures", "quotes_match_raw_text") in check_keys
    assert ("observations", "evidence_matches_raw_text") in check_keys
    assert ("data_package", "package_is_intact") in check_keys


def test_every_asset_has_a_group_and_description():
    from pipeline.definitions import defs

    for assets_def in defs.assets:
        for key in assets_def.keys:
            assert assets_def.group_names_by_key[key] != "default", key
            assert assets_def.descriptions_by_key.get(key), key


def test_workspace_points_at_the_package():
    import yaml
    from conftest import ROOT

    workspace = yaml.safe_load((ROOT / "workspace.yaml").read_text())
    assert workspace["load_from"][0]["python_module"]["module_name"] == "pipeline.definitions"


def test_the_ui_and_the_command_line_share_one_job_executor_and_logger():
    from pipeline.definitions import defs

    job = defs.resolve_job_def("everything")
    assert job.executor_def.name == "in_process"
    assert job.loggers["console"].description.startswith("One line per message")


def test_runs_on_different_folders_keep_their_tables_apart(tmp_path):
    from pipeline import settings

    a = settings.storage_dir(tmp_path / "raw-a", tmp_path / "out")
    b = settings.storage_dir(tmp_path / "raw-b", tmp_path / "out")
    assert a != b and a == settings.storage_dir(tmp_path / "raw-a", tmp_path / "out")
