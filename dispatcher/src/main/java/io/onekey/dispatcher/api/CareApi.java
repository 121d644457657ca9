package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Tokens;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.care.CareDesk;
import io.onekey.dispatcher.care.EmergencyHandOff;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** The care services' routes, mounted beside the core API. */
public record CareApi(CareDesk desk, EmergencyHandOff handOff, DispatchVerticle dispatcher, Directory directory,
                      DeviceStates deviceStates, AlertStore alerts, Tokens tokens, Clock clock)
        implements HttpApiVerticle.ExtraRoutes {

    @Override
    public void mount(Router router, BearerAuth auth) {
        new CareRoutes(desk, dispatcher, auth, directory, clock).mount(router);
        new ScheduleRoutes(desk, auth, directory).mount(router);
        new FamilyRoutes(desk, handOff, dispatcher, auth, directory, deviceStates, alerts, tokens, clock).mount(router);
    }
}
