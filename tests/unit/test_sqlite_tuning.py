import sqlalchemy as sa

from runtime import sqlite_tuning


def test_sqlite_store_uses_write_ahead_logging(tmp_path):
    sqlite_tuning.install()
    sqlite_tuning.install()  # idempotent
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'store.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
