package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.testing.CapturedFrames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The family page in a real headless Chromium: a relative sees the resident it follows in
 * alarm after an SOS, and nobody else, and asks for a service, which reaches the call centre.
 */
class FamilyPageBrowserTest {

    private RunningServer running;
    private WebDriver family;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.require();
        running = RunningServer.start(Map.of());
        family = HeadlessChromium.open(1200);
    }

    @AfterEach
    void stop() {
        if (family != null) {
            family.quit();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aRelativeSeesTheAlarmOfTheResidentItFollowsOnlyAndAsksForAService() throws Exception {
        String put = new JsonObject().put("name", "Wang Lei").put("residentIds", new JsonArray().add("R1")).encode();
        HttpResponse<String> member = TestClients.HTTP.send(HttpRequest.newBuilder(running.http("/api/care/family/F1"))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(put)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, member.statusCode(), member.body());
        HttpResponse<String> issued = TestClients.post(running.http("/api/care/family/F1/tokens"), RunningServer.ADMIN_TOKEN, "{}");
        assertEquals(201, issued.statusCode(), issued.body());
        String token = new JsonObject(issued.body()).getString("token");

        TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP), CapturedFrames.watchSos().bytes());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestClients.get(running.http("/api/alerts"),
                RunningServer.ADMIN_TOKEN).body().contains("\"SOS\""));

        family.get(running.http("/family.html").toString());
        wait(family).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=token]"))).sendKeys(token);
        family.findElement(By.cssSelector("[data-testid=sign-in]")).click();
        wait(family).until(d -> d.findElement(By.cssSelector("[data-testid=resident-card][data-resident=R1]"))
                .getAttribute("data-status").equals("alert"));
        assertEquals(1, family.findElements(By.cssSelector("[data-testid=resident-card]")).size(), "nobody else");
        wait(family).until(d -> d.findElement(By.cssSelector("[data-testid=family-alert]")).getText().startsWith("SOS"));

        new Select(family.findElement(By.cssSelector("[data-testid=service-type]"))).selectByValue("haircut");
        family.findElement(By.cssSelector("[data-testid=ask]")).click();
        wait(family).until(d -> d.findElement(By.cssSelector("[data-testid=service][data-type=haircut]")).isDisplayed());
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(((TakesScreenshot) family).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "screenshots", "family.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        JsonArray requests = new JsonObject(TestClients.get(running.http("/api/care/requests?residentId=R1"),
                RunningServer.ADMIN_TOKEN).body()).getJsonArray("items");
        assertEquals("family", requests.getJsonObject(0).getString("channel"));
        assertEquals("haircut", requests.getJsonObject(0).getString("type"));
    }

    private static WebDriverWait wait(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        return wait;
    }
}
