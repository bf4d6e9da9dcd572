from tests.conftest import run_main


def test_help_lists_the_commands():
    result = run_main("--help")
    assert result.code == 0
    assert "summary" in result.stdout and "demo" in result.stdout
