package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.access.TokenStore;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.eventlog.DedupMemory;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.store.contract.AlertStoreContract;
import io.onekey.dispatcher.store.contract.EventLogContract;
import io.onekey.dispatcher.store.contract.SmallStoresContract;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.store.contract.CareStoreContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SQLite stores held to the same contract as every store, each on a fresh database file. */
class SqliteStoresContractTest {

    @TempDir
    Path dir;

    private final List<SqliteDatabase> opened = new ArrayList<>();

    private SqliteDatabase db() {
        SqliteDatabase db = new SqliteDatabase(dir.resolve("store-" + opened.size() + ".db"), SqliteDatabase.Sync.NORMAL,
                Clock.systemUTC());
        opened.add(db);
        return db;
    }

    @AfterEach
    void close() {
        opened.forEach(SqliteDatabase::close);
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore create() {
            return new SqliteAlertStore(db(), Clock.systemUTC(), Duration.ofDays(7));
        }
    }

    @Nested
    class Events extends EventLogContract {
        @Override
        protected EventLog create() {
            return new SqliteEventLog(db(), Clock.systemUTC(), 1000);
        }
    }

    @Nested
    class Others extends SmallStoresContract {
        @Override
        protected Directory directory() {
            return new SqliteDirectory(db(), Clock.systemUTC(), DirectoryContent.empty());
        }

        @Override
        protected TokenStore tokens() {
            return new SqliteTokenStore(db());
        }

        @Override
        protected DeviceStates deviceStates() {
            return new SqliteDeviceStates(db());
        }

        @Override
        protected DedupMemory dedup() {
            return new SqliteDedupMemory(db(), Clock.systemUTC(), 100);
        }
    }

    @Nested
    class Care extends CareStoreContract {
        private Path file;

        @Override
        protected CareStore create() {
            SqliteDatabase db = db();
            file = db.file();
            return new SqliteCareStore(db);
        }

        /** Another database object on the same file: what it reads was committed, not held in memory. */
        @Override
        protected CareStore reopened() {
            SqliteDatabase again = new SqliteDatabase(file, SqliteDatabase.Sync.NORMAL, Clock.systemUTC());
            opened.add(again);
            return new SqliteCareStore(again);
        }
    }
}
