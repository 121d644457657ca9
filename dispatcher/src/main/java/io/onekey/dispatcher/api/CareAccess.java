package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.care.CareRequest;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.care.FamilyMember;
import io.onekey.dispatcher.error.DispatchException;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who sees which care records: operators all of them, a provider the requests offered to it,
 * a relative the residents it follows. Anything else is reported as not found, revealing nothing.
 */
final class CareAccess {

    private final CareStore store;

    CareAccess(CareStore store) {
        this.store = store;
    }

    /** The relative behind a family token; a token naming no (longer) known member sees nothing. */
    Future<Optional<FamilyMember>> member(Principal who) {
        if (who.role() != Role.FAMILY) {
            return Future.succeededFuture(Optional.empty());
        }
        return store.families().map(all -> all.stream().filter(f -> f.id().equals(who.subject())).findFirst());
    }

    /** Whether the caller may see or act for this resident: operator+, or a relative following them. */
    Future<Boolean> mayActFor(Principal who, String residentId) {
        if (who.role().covers(Role.OPERATOR)) {
            return Future.succeededFuture(true);
        }
        return member(who).map(m -> m.map(f -> f.follows(residentId)).orElse(false));
    }

    /** Fails with 404 unless the caller may act for the resident. */
    Future<Void> requireResident(Principal who, String residentId, String notFound) {
        return mayActFor(who, residentId).map(ok -> {
            if (!ok) {
                throw DispatchException.notFound(notFound);
            }
            return null;
        });
    }

    /** A provider sees a request offered to it now, or the job it took. */
    static boolean providerSees(Principal who, CareRequest r) {
        return who.role() == Role.PROVIDER && (who.subject().equals(r.providerId())
                || r.pendingOffer().filter(o -> o.providerId().equals(who.subject())).isPresent());
    }

    Future<Boolean> sees(Principal who, CareRequest r) {
        if (who.role() == Role.PROVIDER) {
            return Future.succeededFuture(providerSees(who, r));
        }
        return mayActFor(who, r.residentId());
    }
}
