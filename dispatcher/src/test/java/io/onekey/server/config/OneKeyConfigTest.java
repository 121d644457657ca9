package io.onekey.server.config;

import io.onekey.dispatcher.alert.Priority;
import io.onekey.monitoring.SlaTarget;
import io.onekey.monitoring.SlaTargets;

import io.onekey.server.config.Settings;

import io.onekey.server.config.OneKeyConfig;

import io.onekey.dispatcher.error.ConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneKeyConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsNeedNoFileAndNoEnvironment() {
        OneKeyConfig config = OneKeyConfig.load(null, Map.of(), Map.of());
        assertEquals(8080, config.http().port());
        assertEquals(7100, config.gateway().dc09Port());
        assertEquals(7101, config.gateway().watchPort());
        assertEquals(7102, config.gateway().gt06Port());
        assertEquals(false, config.acceptUnknownDevices());
        assertTrue(config.adminToken().isEmpty());
    }

    @Test
    void environmentOverridesTheFileAndOptionsOverrideTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("onekey.yaml"), """
                http:
                  port: 9000
                gateway:
                  watchPort: 9101
                dispatch:
                  offerTimeout: 45s
                """);
        OneKeyConfig config = OneKeyConfig.load(file,
                Map.of("ONEKEY_GATEWAY_WATCH_PORT", "9201", "ONEKEY_ACCEPT_UNKNOWN_DEVICES", "true", "ONEKEY_HTTP_PORT", "9300"),
                Map.of("http.port", "9400"));
        assertEquals(9400, config.http().port());
        assertEquals(9201, config.gateway().watchPort());
        assertEquals(Duration.ofSeconds(45), config.dispatch().offerTimeout());
        assertTrue(config.acceptUnknownDevices());
    }

    @Test
    void theExampleConfigurationInTheReadmeLoads() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Path file = Files.writeString(dir.resolve("readme.yaml"), yaml);
        OneKeyConfig config = OneKeyConfig.load(file, Map.of(), Map.of());
        assertEquals(Duration.ofSeconds(40), config.gateway().dc09Settings().maxBehind());
        assertEquals(16384, config.gateway().watch().maxFrameBytes());
        assertEquals(Path.of("town.json"), config.directoryFile().orElseThrow());
        assertEquals(Duration.ofMinutes(10), config.monitoring().watchdog().maxDeviceSilence());
    }

    @Test
    void slaTargetsFollowTheDispatchDeadlinesAndTheirOwnSettings() {
        OneKeyConfig config = OneKeyConfig.load(null, Map.of("ONEKEY_DISPATCH_ACK_DEADLINE_P1", "45s"),
                Map.of("sla.acknowledged.share", "0.95", "sla.serviceCircle.within", "20m"));
        SlaTarget ack = config.monitoring().sla().find(SlaTargets.ACKNOWLEDGED, "P1").orElseThrow();
        assertEquals(Duration.ofSeconds(45), ack.within());
        assertEquals(Duration.ofSeconds(45), config.dispatch().rules().ackDeadline(Priority.P1).orElseThrow(),
                "the same setting escalates");
        assertEquals(0.95, ack.share());
        assertEquals(Duration.ofMinutes(20), config.monitoring().sla().find(SlaTargets.SERVICE_CIRCLE, "P3").orElseThrow().within());
        assertEquals(Duration.ofMinutes(15), config.monitoring().sla().find(SlaTargets.ON_SCENE, "P1").orElseThrow().within());
        assertTrue(config.monitoring().sla().find(SlaTargets.ACKNOWLEDGED_LONG, "P3").isEmpty(),
                "P3's 5 minutes are already longer than 180 s");

        ConfigException share = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of("ONEKEY_SLA_ON_SCENE_SHARE", "90"), Map.of()));
        assertEquals("sla.onScene.share", share.key());
        ConfigException bound = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of("ONEKEY_WATCHDOG_MAX_EVENT_LOG_LAG", "0s"), Map.of()));
        assertEquals("watchdog.maxEventLogLag", bound.key());
    }

    @Test
    void perProtocolLimitsComeFromTheEnvironmentToo() {
        OneKeyConfig config = OneKeyConfig.load(null,
                Map.of("ONEKEY_GATEWAY_GT06_IDLE_TIMEOUT", "3m", "ONEKEY_GATEWAY_DC09_MAX_AHEAD", "5s"), Map.of());
        assertEquals(Duration.ofMinutes(3), config.gateway().gt06().idleTimeout());
        assertEquals(Duration.ofSeconds(5), config.gateway().dc09Settings().maxAhead());
        ConfigException tooSmall = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of("ONEKEY_GATEWAY_WATCH_MAX_FRAME_BYTES", "10"), Map.of()));
        assertEquals("gateway.watch.maxFrameBytes", tooSmall.key());
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertEquals("ONEKEY_GATEWAY_WATCH_PORT", Settings.environmentName("gateway.watchPort"));
        assertEquals("ONEKEY_ACCEPT_UNKNOWN_DEVICES", Settings.environmentName("acceptUnknownDevices"));
        assertEquals("ONEKEY_ADMIN_TOKEN", Settings.environmentName("adminToken"));
    }

    @Test
    void aMistypedKeyInTheFileStopsTheServerNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("onekey.yaml"), "gateway:\n  watchPrt: 9101\n");
        ConfigException e = assertThrows(ConfigException.class, () -> OneKeyConfig.load(file, Map.of(), Map.of()));
        assertEquals("gateway.watchPrt", e.key());
    }

    @Test
    void anInvalidValueNamesTheKey() {
        ConfigException notANumber = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of("ONEKEY_HTTP_PORT", "eighty"), Map.of()));
        assertEquals("http.port", notANumber.key());
        ConfigException outOfRange = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("gateway.watchPort", "70000")));
        assertEquals("gateway.watchPort", outOfRange.key());
        ConfigException badTiles = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of("ONEKEY_HTTP_MAP_TILES", "ftp://tiles"), Map.of()));
        assertEquals("http.mapTiles", badTiles.key());
        ConfigException badDuration = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("dispatch.offerTimeout", "soon")));
        assertEquals("dispatch.offerTimeout", badDuration.key());
    }
    @Test
    void everyProblemInAFileIsReportedAtOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("two-wrongs.yaml"),
                "dispatch:\n  offerTimout: 20s\n  maxFixAge: soon\nhttp:\n  port: eighty\n");
        ConfigException e = assertThrows(ConfigException.class, () -> OneKeyConfig.load(file, Map.of(), Map.of()));
        String message = e.getMessage();
        assertTrue(message.contains("dispatch.offerTimout: unknown setting"), message);
        assertTrue(message.contains("dispatch.maxFixAge: must be a duration"), message);
        assertTrue(message.contains("http.port: must be a whole number"), message);
        assertTrue(message.startsWith("configuration has 3 problems"), message);
    }

    @Test
    void aRefusedValueNamesItsKeyOnce() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("dispatch.priorities", "SOS")));
        assertEquals("dispatch.priorities", e.key());
        assertEquals(1, e.getMessage().split("dispatch\\.priorities", -1).length - 1, e.getMessage());
        assertTrue(e.getMessage().contains("is not KIND=P1..P4"), e.getMessage());
    }

    @Test
    void aYamlSyntaxErrorSaysWhereInPlainWords() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "http:\n  port: 8080\n   host: x: y\n");
        ConfigException e = assertThrows(ConfigException.class, () -> OneKeyConfig.load(file, Map.of(), Map.of()));
        String message = e.getMessage();
        assertTrue(message.contains("not valid YAML or JSON at line 3"), message);
        assertFalse(message.contains("reader"), message);
        assertFalse(message.contains("\n"), "one line: " + message);
    }
    @Test
    void theUntouchedTimeIsASettingAndMustBePositive() {
        assertEquals(Duration.ofMinutes(10), OneKeyConfig.defaults().http().untouchedAfter());
        assertEquals(Duration.ofMinutes(4),
                OneKeyConfig.load(null, Map.of("ONEKEY_HTTP_UNTOUCHED_AFTER", "4m"), Map.of()).http().untouchedAfter());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> OneKeyConfig.load(null, Map.of(), Map.of("http.untouchedAfter", "0s")));
        assertEquals("http.untouchedAfter", zero.key());
    }
}
