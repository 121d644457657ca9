package io.onekey.dispatcher.store.redis;

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
import io.onekey.testing.RedisForTests;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.store.contract.CareStoreContract;
import org.junit.jupiter.api.Nested;

/** The Redis stores held to the same contract as every store, each test in a namespace of its own. */
class RedisStoresContractTest {

    private final List<RedisLink> links = new ArrayList<>();
    private final List<Runnable> closing = new ArrayList<>();
    private String namespace;

    @BeforeEach
    void redis() {
        RedisForTests.require();
        namespace = RedisForTests.freshNamespace();
    }

    RedisLink link() {
        RedisLink link = RedisLink.connect(RedisForTests.URL, namespace);
        links.add(link);
        return link;
    }

    @AfterEach
    void close() {
        closing.forEach(Runnable::run);
        links.forEach(RedisLink::close);
        if (namespace != null) {
            RedisForTests.drop(namespace);
        }
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore create() {
            return new RedisAlertStore(link(), Clock.systemUTC(), Duration.ofDays(7), new RedisDedupKeys(100));
        }
    }

    @Nested
    class Events extends EventLogContract {
        @Override
        protected EventLog create() {
            RedisEventLog log = new RedisEventLog(link(), 1000, Duration.ofSeconds(5));
            closing.add(log::close);
            return log;
        }
    }

    @Nested
    class Others extends SmallStoresContract {
        @Override
        protected Directory directory() {
            return new RedisDirectory(link(), DirectoryContent.empty());
        }

        @Override
        protected TokenStore tokens() {
            return new RedisTokenStore(link());
        }

        @Override
        protected DeviceStates deviceStates() {
            RedisDeviceStates states = new RedisDeviceStates(link());
            closing.add(states::close);
            return states;
        }

        @Override
        protected DedupMemory dedup() {
            return new RedisDedupMemory(link(), new RedisDedupKeys(100));
        }
    }

    @Nested
    class Care extends CareStoreContract {
        @Override
        protected CareStore create() {
            return new RedisCareStore(link());
        }

        /** Another connection: what it reads is in Redis, not in this node's memory. */
        @Override
        protected CareStore reopened() {
            return new RedisCareStore(link());
        }
    }
}
