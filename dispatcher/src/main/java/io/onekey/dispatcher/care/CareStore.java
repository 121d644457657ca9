package io.onekey.dispatcher.care;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Everything of the care services that must outlive the process: catalogue changes made
 * through the API, service requests, provider staff, family members, residents' activity
 * and preferences, and ratings. Each write completes once it is durable.
 */
public interface CareStore {

    Future<Void> putType(CareType type);

    Future<Boolean> removeType(String id);

    Future<List<CareType>> types();

    /**
     * Saves {@code after} only if the stored request is still {@code before} (with {@code before}
     * null: only if there is none yet). On a shared store two nodes may move one request at the
     * same moment; one of them then gets false, reads again and decides again.
     */
    Future<Boolean> replaceRequest(CareRequest before, CareRequest after);

    Future<Optional<CareRequest>> request(String id);

    /** Every request kept, in no particular order. */
    Future<List<CareRequest>> requests();

    Future<Void> putStaff(ProviderStaff staff);

    Future<Optional<ProviderStaff>> staff(String providerId);

    Future<Void> putFamily(FamilyMember member);

    Future<Boolean> removeFamily(String id);

    Future<List<FamilyMember>> families();

    /** Keeps many residents' activity at once: a care tick may have heard from every resident of a city. */
    Future<Void> putActivities(java.util.Collection<ResidentActivity> activities);

    Future<List<ResidentActivity>> activities();

    /** One resident's activity as last written by any node. */
    Future<Optional<ResidentActivity>> activity(String residentId);

    Future<Void> putPreferences(ResidentPreferences preferences);

    Future<Optional<ResidentPreferences>> preferences(String residentId);

    Future<Void> putSchedule(CareSchedule schedule);

    Future<Boolean> removeSchedule(String id);

    Future<List<CareSchedule>> schedules();

    Future<Void> putTeam(CareTeam team);

    Future<Optional<CareTeam>> team(String residentId);

    Future<Void> putRating(Rating rating);

    Future<List<Rating>> ratings();
}
