package io.onekey.dispatcher.store;

import io.onekey.dispatcher.care.CareRequest;
import io.onekey.dispatcher.care.CareSchedule;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.care.CareTeam;
import io.onekey.dispatcher.care.CareType;
import io.onekey.dispatcher.care.FamilyMember;
import io.onekey.dispatcher.care.ProviderStaff;
import io.onekey.dispatcher.care.Rating;
import io.onekey.dispatcher.care.ResidentActivity;
import io.onekey.dispatcher.care.ResidentPreferences;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The care records as JSON documents on shelves (one per record type), each under its id: the
 * three stores then only need to keep, find, list and drop a document. Care records are few
 * beside alerts and are read whole, so no store needs an index of its own for them.
 */
public abstract class CareDocuments implements CareStore {

    /** One kind of record. The names are stored: never rename one. */
    protected enum Shelf {
        TYPE("type"), REQUEST("request"), STAFF("staff"), FAMILY("family"), ACTIVITY("activity"),
        PREFERENCES("preferences"), RATING("rating"), SCHEDULE("schedule"), TEAM("team");

        public final String key;

        Shelf(String key) {
            this.key = key;
        }
    }

    protected abstract Future<Void> put(Shelf shelf, String id, String json);

    /** Keeps many documents of one shelf, by id, in as few writes as the store allows. */
    protected abstract Future<Void> putAll(Shelf shelf, Map<String, String> jsonById);

    protected abstract Future<Optional<String>> get(Shelf shelf, String id);

    protected abstract Future<List<String>> all(Shelf shelf);

    protected abstract Future<Boolean> remove(Shelf shelf, String id);

    /**
     * Writes the document only if the stored one is still {@code expected} (null: none stored).
     * Documents are compared as written: the codec writes a record the same way every time.
     */
    protected abstract Future<Boolean> swap(Shelf shelf, String id, String expected, String json);

    private <T> Future<List<T>> allOf(Shelf shelf, Class<T> type) {
        return all(shelf).map(list -> list.stream().map(json -> Codec.read(json, type)).toList());
    }

    private <T> Future<Optional<T>> one(Shelf shelf, String id, Class<T> type) {
        return get(shelf, id).map(json -> json.map(j -> Codec.read(j, type)));
    }

    @Override
    public Future<Void> putType(CareType type) {
        return put(Shelf.TYPE, type.id(), Codec.write(type));
    }

    @Override
    public Future<Boolean> removeType(String id) {
        return remove(Shelf.TYPE, id);
    }

    @Override
    public Future<List<CareType>> types() {
        return allOf(Shelf.TYPE, CareType.class);
    }


    @Override
    public Future<Boolean> replaceRequest(CareRequest before, CareRequest after) {
        return swap(Shelf.REQUEST, after.id(), before == null ? null : Codec.write(before), Codec.write(after));
    }

    @Override
    public Future<Optional<CareRequest>> request(String id) {
        return one(Shelf.REQUEST, id, CareRequest.class);
    }

    @Override
    public Future<List<CareRequest>> requests() {
        return allOf(Shelf.REQUEST, CareRequest.class);
    }

    @Override
    public Future<Void> putStaff(ProviderStaff staff) {
        return put(Shelf.STAFF, staff.providerId(), Codec.write(staff));
    }

    @Override
    public Future<Optional<ProviderStaff>> staff(String providerId) {
        return one(Shelf.STAFF, providerId, ProviderStaff.class);
    }

    @Override
    public Future<Void> putFamily(FamilyMember member) {
        return put(Shelf.FAMILY, member.id(), Codec.write(member));
    }

    @Override
    public Future<Boolean> removeFamily(String id) {
        return remove(Shelf.FAMILY, id);
    }

    @Override
    public Future<List<FamilyMember>> families() {
        return allOf(Shelf.FAMILY, FamilyMember.class);
    }

    @Override
    public Future<Void> putActivities(Collection<ResidentActivity> activities) {
        Map<String, String> documents = new LinkedHashMap<>();
        activities.forEach(a -> documents.put(a.residentId(), Codec.write(a)));
        return documents.isEmpty() ? Future.succeededFuture() : putAll(Shelf.ACTIVITY, documents);
    }

    @Override
    public Future<List<ResidentActivity>> activities() {
        return allOf(Shelf.ACTIVITY, ResidentActivity.class);
    }

    @Override
    public Future<Optional<ResidentActivity>> activity(String residentId) {
        return one(Shelf.ACTIVITY, residentId, ResidentActivity.class);
    }

    @Override
    public Future<Void> putPreferences(ResidentPreferences preferences) {
        return put(Shelf.PREFERENCES, preferences.residentId(), Codec.write(preferences));
    }

    @Override
    public Future<Optional<ResidentPreferences>> preferences(String residentId) {
        return one(Shelf.PREFERENCES, residentId, ResidentPreferences.class);
    }

    @Override
    public Future<Void> putSchedule(CareSchedule schedule) {
        return put(Shelf.SCHEDULE, schedule.id(), Codec.write(schedule));
    }

    @Override
    public Future<Boolean> removeSchedule(String id) {
        return remove(Shelf.SCHEDULE, id);
    }

    @Override
    public Future<List<CareSchedule>> schedules() {
        return allOf(Shelf.SCHEDULE, CareSchedule.class);
    }

    @Override
    public Future<Void> putTeam(CareTeam team) {
        return put(Shelf.TEAM, team.residentId(), Codec.write(team));
    }

    @Override
    public Future<Optional<CareTeam>> team(String residentId) {
        return one(Shelf.TEAM, residentId, CareTeam.class);
    }

    @Override
    public Future<Void> putRating(Rating rating) {
        return put(Shelf.RATING, rating.requestId(), Codec.write(rating));
    }

    @Override
    public Future<List<Rating>> ratings() {
        return allOf(Shelf.RATING, Rating.class);
    }
}
