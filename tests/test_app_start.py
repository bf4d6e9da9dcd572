"""Starting the window: which file it opens, the first-run welcome, a --db that does not exist."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATA_DIR", str(tmp_path / "data"))
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    yield main
    main.close()


def test_the_first_run_offers_the_demo_and_starting_empty_makes_the_default_file(
        window, tmp_path, monkeypatch):
    from storage.paths import default_data_file
    from ui import app

    offered = []
    monkeypatch.setattr(app, "ask_for_demo_on_first_run",
                        lambda parent: offered.append(True) or False)
    assert app.open_first_file(window, None)
    assert offered == [True]
    assert default_data_file().exists()
    assert window.desk.data.path == default_data_file()


def test_a_second_start_opens_the_default_file_without_asking(window, qtbot, monkeypatch):
    from ui import app
    from ui.main_window import MainWindow

    monkeypatch.setattr(app, "ask_for_demo_on_first_run", lambda parent: False)
    assert app.open_first_file(window, None)
    window.close()  # gives the file back
    monkeypatch.setattr(app, "ask_for_demo_on_first_run",
                        lambda parent: pytest.fail("the welcome came back"))
    second = MainWindow()
    qtbot.addWidget(second)
    assert app.open_first_file(second, None)
    second.close()


def test_a_db_that_does_not_exist_is_made_only_when_the_user_says_yes(window, tmp_path,
                                                                      monkeypatch):
    from ui import app

    path = tmp_path / "new school.sqlite"
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.No))
    assert app.open_first_file(window, str(path)) is False
    assert not path.exists()
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Yes))
    assert app.open_first_file(window, str(path)) is True
    assert path.exists()


def test_a_file_in_use_elsewhere_is_refused_plainly(window, demo_copy, monkeypatch):
    from storage.database import open_data_file
    from ui import app

    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a: shown.append(text)))
    with open_data_file(demo_copy):
        assert app.open_first_file(window, str(demo_copy)) is False
    assert "open in another MentorDesk" in shown[0]
