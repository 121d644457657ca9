package io.onekey.device.gateway;

import io.onekey.monitoring.MetricNames;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceConnectionBudget;

import io.onekey.device.session.ProtocolLimits;
import io.onekey.device.testing.RecordingHandOff;
import java.io.InputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One budget of device connections for the whole gateway, derived from the process's open-file
 * limit: 20,000 silent connections spread over the listeners can no longer exhaust it.
 */
class DescriptorBudgetTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Socket> sockets = new ArrayList<>();
    private GatewayServer gateway;

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theBudgetIsTheOpenFileLimitLessAReserveAndAnExplicitCapMustFitUnderIt() {
        assertEquals(19_000, DescriptorBudget.deviceConnections(0, 20_000));
        assertEquals(480, DescriptorBudget.deviceConnections(0, 600));
        assertEquals(5_000, DescriptorBudget.deviceConnections(5_000, 20_000));
        IllegalStateException tooMany = assertThrows(IllegalStateException.class,
                () -> DescriptorBudget.deviceConnections(19_500, 20_000));
        assertTrue(tooMany.getMessage().contains("gateway.maxConnections"), tooMany.getMessage());
        assertTrue(tooMany.getMessage().contains("ulimit -n"), tooMany.getMessage());
        assertEquals(18_000, DescriptorBudget.deviceConnections(0, -1), "a platform that does not say: the old default");
    }

    @Test
    void allListenersTogetherStayWithinOneBudget() throws Exception {
        GatewayConfig d = GatewayConfig.defaults();
        Duration idle = Duration.ofMinutes(5);
        GatewayConfig config = new GatewayConfig("127.0.0.1", 0, 0, 0, new ProtocolLimits(2048, idle),
                new ProtocolLimits(16 * 1024, idle), new ProtocolLimits(4096, idle), 1_000, 0, 10, d.dc09Settings());
        gateway = new GatewayServer(new GatewayServices(config, new RecordingHandOff(), DeviceAdmission.ADMIT_ALL,
                Dc09Keys.Lookup.NONE, Clock.systemUTC(), registry, new DeviceConnectionBudget(4))).start();
        for (GatewayServer.Listener listener : List.of(GatewayServer.Listener.WATCH_TCP, GatewayServer.Listener.WATCH_TCP,
                GatewayServer.Listener.GT06_TCP, GatewayServer.Listener.DC09_TCP)) {
            sockets.add(new Socket("127.0.0.1", gateway.port(listener)));
        }
        await().until(() -> opened() == 4);
        Socket over = new Socket("127.0.0.1", gateway.port(GatewayServer.Listener.GT06_TCP));
        sockets.add(over);
        over.setSoTimeout(10_000);
        InputStream in = over.getInputStream();
        assertEquals(-1, in.read(), "the fifth device connection, on yet another listener, is closed at once");
        await().until(() -> registry.find(MetricNames.GATEWAY_CONNECTIONS_REJECTED).counters().stream()
                .mapToDouble(c -> c.count()).sum() == 1.0);

        sockets.get(0).close();
        await().until(() -> opened() == 3);
        Socket again = new Socket("127.0.0.1", gateway.port(GatewayServer.Listener.GT06_TCP));
        sockets.add(again);
        await().until(() -> opened() == 4);
    }

    private double opened() {
        return registry.find(MetricNames.GATEWAY_CONNECTIONS_OPEN).gauges().stream().mapToDouble(g -> g.value()).sum();
    }
}
