"""This PC's connection: chosen in a dialog, tested against a real server, survives a dropped connection."""
from __future__ import annotations

import peewee
import pytest

from pointsapp.db import close_database, open_database, resolve_target, station
from pointsapp.models import Household, database
from pointsapp import demo
from pointsapp.ui.app import application


def test_station_setting_picks_the_database_unless_db_or_env_says_otherwise(tmp_path, monkeypatch):
    assert resolve_target(None).endswith("pointsapp.db")
    station.save(station.StationConfig(mode="sqlite", sqlite_path=str(tmp_path / "office.db")))
    assert resolve_target(None) == str(tmp_path / "office.db")
    monkeypatch.setenv("POINTSAPP_DB", str(tmp_path / "env.db"))
    assert resolve_target(None) == str(tmp_path / "env.db")
    assert resolve_target(str(tmp_path / "flag.db")) == str(tmp_path / "flag.db")


def test_server_password_is_not_written_into_the_url_file_when_a_store_exists_else_file_is_private(tmp_path):
    config = station.StationConfig(mode="postgres", server=station.ServerSettings("10.0.0.5", 5432, "village", "clerk"))
    secure = station.save(config, password="s3cret")
    saved = (station.data_dir() / "station.json")
    text = saved.read_text(encoding="utf-8")
    if secure:
        assert "s3cret" not in text
    else:
        assert oct(saved.stat().st_mode & 0o777) == "0o600"
    assert station.configured_target() == "postgresql://clerk:s3cret@10.0.0.5:5432/village"
    assert station.redact(station.configured_target()) == "postgresql://clerk:***@10.0.0.5:5432/village"


@pytest.mark.postgres
def test_dialog_test_button_reports_success_and_a_wrong_port_in_chinese(qtbot, pg_server):
    if not pg_server.url:
        pytest.skip(pg_server.reason)
    application()
    from pointsapp.ui.connection_dialog import ConnectionDialog

    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.remote.setChecked(True)
    port = int(pg_server.url.rsplit(":", 1)[1])
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(port)
    dialog.database.setText("postgres")
    dialog.user.setText("postgres")
    assert dialog.test() is True
    assert "连接成功" in dialog.result_label.text()
    dialog.port.setValue(1)
    assert dialog.test() is False
    assert "连不上数据库服务器" in dialog.result_label.text()
    dialog.port.setValue(port)
    dialog.save()
    assert station.load().server.port == port
    assert resolve_target(None).startswith("postgresql://postgres")


@pytest.mark.postgres
def test_dropped_server_connection_gives_a_clear_message_and_the_next_try_works(pg_server, pg_template):
    if not pg_server.url:
        pytest.skip(pg_server.reason)
    url = pg_server.create_database("pointsapp_dropped", template=pg_template)
    try:
        open_database(url)
        demo.generate(households=5, villages=1, seed=1)
        pid = database.obj.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        admin = pg_server.admin_connection()
        with admin.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
        admin.close()
        with pytest.raises((peewee.OperationalError, peewee.InterfaceError)) as info:
            Household.select().count()
        from pointsapp.ui.messages import error_text

        text = error_text(info.value)
        assert "连接已断开" in text and "可以稍后重试" in text
        assert Household.select().count() == 5  # reconnected on the next call
    finally:
        close_database()
        pg_server.drop_database("pointsapp_dropped")
