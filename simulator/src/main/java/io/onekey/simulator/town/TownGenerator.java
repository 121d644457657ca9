package io.onekey.simulator.town;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a reproducible town: residents scattered around a centre, one terminal each
 * (DC-09 home panels, watch-protocol terminals and GT06 pendants), and providers of every
 * service type. The same seed always gives the same town.
 */
public final class TownGenerator {

    private static final String[] FAMILY = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"};
    private static final String[] GIVEN = {"Fang", "Min", "Jing", "Wei", "Xiu Ying", "Gang", "Li Na", "Jun", "Hua", "Ping"};
    private static final String[] STREETS = {"Lotus Lane", "Willow Road", "Plum Street", "Harbour Road", "Bamboo Court",
            "Orchid Walk", "Maple Row", "River Terrace"};
    private static final String[] NOTES = {"", "Hypertension", "Type 2 diabetes", "Uses a walking frame",
            "Pacemaker", "Early dementia; may not answer the phone", "Lives alone; hard of hearing"};
    private static final String[][] PROVIDER_KINDS = {
            {"Emergency Response Team", "EMERGENCY"},
            {"Community Nursing", "NURSING"},
            {"Meals on Wheels", "MEALS"},
            {"Home Help", "HOUSEKEEPING"},
            {"Rapid Response Nurses", "EMERGENCY,NURSING"},
            // The everyday side: social workers for visits and caring calls, and personal care.
            {"Neighbourhood Care Station", "COMPANIONSHIP,PERSONAL_CARE"},
    };

    private final Random random;
    private final Town.Point centre;
    private final double radiusKm;

    public TownGenerator(long seed, Town.Point centre, double radiusKm) {
        this.random = new Random(seed);
        this.centre = centre;
        this.radiusKm = radiusKm;
    }

    public Town generate(int residentCount, int providerCount, int heartbeatSeconds) {
        List<Town.Resident> residents = new ArrayList<>(residentCount);
        List<Town.Device> devices = new ArrayList<>(residentCount);
        for (int i = 1; i <= residentCount; i++) {
            String id = String.format(Locale.ROOT, "R%05d", i);
            String name = FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
            String address = (1 + random.nextInt(180)) + " " + STREETS[random.nextInt(STREETS.length)];
            residents.add(new Town.Resident(id, name, address, scatter(radiusKm), NOTES[random.nextInt(NOTES.length)],
                    List.of(new Town.Contact(FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)],
                            random.nextBoolean() ? "daughter" : "son",
                            String.format(Locale.ROOT, "+86 139 %04d %04d", random.nextInt(10_000), random.nextInt(10_000))))));
            devices.add(device(i, id, heartbeatSeconds));
        }
        List<Town.Provider> providers = new ArrayList<>(providerCount);
        for (int i = 1; i <= providerCount; i++) {
            String[] kind = PROVIDER_KINDS[(i - 1) % PROVIDER_KINDS.length];
            providers.add(new Town.Provider(String.format(Locale.ROOT, "P%03d", i), kind[0] + " " + i,
                    List.of(kind[1].split(",")), scatter(radiusKm * 0.8), 2 + random.nextInt(3)));
        }
        return new Town(residents, devices, providers);
    }

    /**
     * A third of the residents have a DC-09 home panel (half of them encrypting), a third a
     * watch-protocol terminal (home box or wearable), a third a GT06 GPS pendant.
     */
    private Town.Device device(int i, String residentId, int heartbeatSeconds) {
        return switch (i % 3) {
            case 0 -> new Town.Device(String.format(Locale.ROOT, "7%05d", i), "DC09", "HOME_TERMINAL", residentId,
                    heartbeatSeconds, i % 2 == 0 ? key() : null);
            case 1 -> new Town.Device(String.format(Locale.ROOT, "86%08d", i), "WATCH", i % 2 == 0 ? "WEARABLE" : "HOME_TERMINAL",
                    residentId, heartbeatSeconds, null);
            default -> new Town.Device(String.format(Locale.ROOT, "8635%011d", i), "GT06", "WEARABLE", residentId,
                    heartbeatSeconds, null);
        };
    }

    /** A 16-character ASCII key (AES-128), as installers type them into panels. */
    private String key() {
        String chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder key = new StringBuilder(16);
        for (int k = 0; k < 16; k++) {
            key.append(chars.charAt(random.nextInt(chars.length())));
        }
        return key.toString();
    }

    /** A point uniformly spread over a disc of the given radius around the centre. */
    private Town.Point scatter(double km) {
        double distance = km * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble() * 2 * Math.PI;
        double dLat = distance / 111.32 * Math.cos(bearing);
        double dLon = distance / (111.32 * Math.cos(Math.toRadians(centre.lat()))) * Math.sin(bearing);
        return new Town.Point(round(centre.lat() + dLat), round(centre.lon() + dLon));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
