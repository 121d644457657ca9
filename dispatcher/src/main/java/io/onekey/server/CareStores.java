package io.onekey.server;

import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.store.memory.InMemoryCareStore;
import io.onekey.dispatcher.store.redis.RedisCareStore;
import io.onekey.dispatcher.store.sqlite.SqliteCareStore;

/** The care records go where everything else of the installation is kept. */
final class CareStores {

    private CareStores() {
    }

    static CareStore open(Stores stores) {
        if (stores.redis().isPresent()) {
            return new RedisCareStore(stores.redis().get());
        }
        return stores.database().<CareStore>map(SqliteCareStore::new).orElseGet(InMemoryCareStore::new);
    }
}
