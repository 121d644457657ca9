package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.access.TokenStore;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.eventlog.DedupMemory;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.store.contract.AlertStoreContract;
import io.onekey.dispatcher.store.contract.EventLogContract;
import io.onekey.dispatcher.store.contract.SmallStoresContract;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.store.contract.CareStoreContract;
import org.junit.jupiter.api.Nested;

/** The in-memory stores held to the contract every store implementation must pass. */
class InMemoryStoresContractTest {

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore create() {
            return new InMemoryAlertStore();
        }
    }

    @Nested
    class Events extends EventLogContract {
        @Override
        protected EventLog create() {
            return new InMemoryEventLog(1000);
        }
    }

    @Nested
    class Others extends SmallStoresContract {
        @Override
        protected Directory directory() {
            return new InMemoryDirectory();
        }

        @Override
        protected TokenStore tokens() {
            return new InMemoryTokenStore();
        }

        @Override
        protected DeviceStates deviceStates() {
            return new InMemoryDeviceStates();
        }

        @Override
        protected DedupMemory dedup() {
            return new InMemoryDedupMemory(100);
        }
    }

    @Nested
    class Care extends CareStoreContract {
        private CareStore store;

        @Override
        protected CareStore create() {
            store = new InMemoryCareStore();
            return store;
        }

        @Override
        protected CareStore reopened() {
            return store;
        }
    }
}
