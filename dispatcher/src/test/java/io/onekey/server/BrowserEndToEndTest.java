package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.testing.CapturedFrames;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole story in a real headless Chromium: a device presses SOS, the alert appears on the
 * operator console, the operator acknowledges, the provider page shows the offer, the crew
 * accepts, arrives and completes, and the operator sees it resolved. Screenshots of both
 * pages are saved under target/screenshots.
 */
class BrowserEndToEndTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private RunningServer running;
    private WebDriver operator;
    private WebDriver provider;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.require();
        // Short enough for an untouched alert to be seen within a test.
        running = RunningServer.start(Map.of("http.untouchedAfter", "3s"));
        operator = browser();
        provider = browser();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.quit();
        }
        if (provider != null) {
            provider.quit();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void sosToResolvedThroughTheOperatorConsoleAndTheProviderPage() throws Exception {
        signIn(operator, "/", token("operator", "olga"));
        signIn(provider, "/provider.html", token("provider", "P-NEAR"));

        String reply = TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP),
                CapturedFrames.watchSos().bytes());
        assertEquals("[3G*6907919734*0002*AL]", reply);

        By sosRow = By.cssSelector("[data-testid=alert-row][data-kind=SOS]");
        waitUntil(operator, d -> d.findElement(sosRow).getAttribute("class").contains("P1"));
        click(operator, sosRow);
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=resident]")).getText().contains("pacemaker"));
        click(operator, By.cssSelector("[data-testid=acknowledge]"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=history]")).getText().contains("acknowledged"));
        screenshot(operator, "operator-acknowledged.png");

        waitUntil(provider, d -> d.findElement(By.cssSelector("[data-testid=offer-card][data-state=PENDING]")).isDisplayed());
        screenshot(provider, "provider-offer.png");
        click(provider, By.cssSelector("[data-testid=accept]"));
        click(provider, By.cssSelector("[data-testid=offer-card][data-state=ACCEPTED] [data-testid=arrived]:enabled"));
        click(provider, By.cssSelector("[data-testid=completed]:enabled"));

        waitUntil(operator, d -> "RESOLVED".equals(d.findElement(By.cssSelector("[data-testid=detail-state]")).getText()));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=history]")).getText().contains("provider:P-NEAR: resolved"));
        screenshot(operator, "operator.png");
        screenshot(provider, "provider.png");
    }

    @Test
    void aSecondOperatorsChangeArrivingWhileTypingLeavesTheNoteAndTheChosenProviderAlone() throws Exception {
        signIn(operator, "/", token("operator", "olga"));
        String alertId = pressSosAndOpenIt();

        WebElement note = waitFor(operator, By.cssSelector("[data-testid=note-text]"));
        note.sendKeys("called the son, no ans");
        waitUntil(operator, d -> new Select(d.findElement(By.cssSelector("[data-testid=dispatch-provider]")))
                .getOptions().size() == 4);
        new Select(operator.findElement(By.cssSelector("[data-testid=dispatch-provider]"))).selectByValue("P-FAR");
        note.sendKeys(Keys.END); // back to typing the note when the other operator's change arrives

        // Another operator works the same alert: the change reaches this screen over the live feed.
        var other = TestClients.post(running.http("/api/alerts/" + alertId + "/notes"), token("operator", "oscar"),
                "{\"text\":\"neighbour has a key\"}");
        assertEquals(200, other.statusCode(), other.body());
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=history]")).getText().contains("neighbour has a key"));

        assertEquals("called the son, no ans", operator.findElement(By.cssSelector("[data-testid=note-text]")).getAttribute("value"));
        assertEquals("P-FAR", new Select(operator.findElement(By.cssSelector("[data-testid=dispatch-provider]")))
                .getFirstSelectedOption().getAttribute("value"));
        operator.findElement(By.cssSelector("[data-testid=note-text]")).sendKeys(Keys.END, "wer");
        click(operator, By.cssSelector("[data-testid=add-note]"));
        wait(operator).withMessage(() -> "history: " + operator.findElement(By.cssSelector("[data-testid=history]")).getText()
                        + " | message: " + operator.findElement(By.cssSelector("[data-testid=action-message]")).getText())
                .until(d -> d.findElement(By.cssSelector("[data-testid=history]")).getText()
                        .contains("operator:olga: note \u2014 called the son, no answer"));
        assertEquals("", operator.findElement(By.cssSelector("[data-testid=note-text]")).getAttribute("value"),
                "the note field is emptied once the note is saved");
    }

    @Test
    void handDispatchListsFitCrewsFirstAndWarnsBeforeSendingAMealsServiceToAnSos() throws Exception {
        signIn(operator, "/", token("operator", "olga"));
        pressSosAndOpenIt();
        By list = By.cssSelector("[data-testid=dispatch-provider]");
        waitUntil(operator, d -> new Select(d.findElement(list)).getOptions().size() == 4);
        List<String> labels = new Select(operator.findElement(list)).getOptions().stream().map(WebElement::getText).toList();
        assertTrue(labels.get(0).startsWith("Lotus Lane Ambulance (EMERGENCY"), labels.toString());
        assertTrue(labels.get(3).startsWith("Neighbourhood Meals") && labels.get(3).contains("does not offer EMERGENCY"),
                labels.toString());

        // What the operator can see: the terminal's own code, where the position comes from, and a
        // map without the meals service (it cannot serve an SOS) but with the crew offered the job.
        assertTrue(operator.findElement(By.cssSelector("[data-testid=raw-code]")).getText().contains("AL_LTE"));
        assertTrue(operator.findElement(By.cssSelector("[data-testid=alert-row][data-kind=SOS]")).getText().contains("home address"));
        waitUntil(operator, d -> d.findElements(By.cssSelector("[data-testid=map] circle[data-provider=P-MEALS]")).isEmpty()
                && !d.findElements(By.cssSelector("[data-testid=map] circle[data-provider=P-NEAR]")).isEmpty());

        new Select(operator.findElement(list)).selectByValue("P-MEALS");
        click(operator, By.cssSelector("[data-testid=dispatch]"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=action-message]")).getText()
                .contains("does not offer EMERGENCY"));
        assertFalse(operator.findElement(By.cssSelector("[data-testid=history]")).getText().contains("Neighbourhood Meals"),
                "nothing is sent on the first press");
        click(operator, By.cssSelector("[data-testid=dispatch]"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=history]")).getText()
                .contains("offered to Neighbourhood Meals"));
    }

    @Test
    void aCrewWithoutAPositionSaysSoAndEnRouteIsSpent() throws Exception {
        signIn(operator, "/", token("operator", "olga"));
        signIn(provider, "/provider.html", token("provider", "P-NEAR"));
        waitUntil(provider, d -> "true".equals(d.findElement(By.cssSelector("[data-testid=duty]")).getAttribute("data-on-duty")));
        String alertId = pressSosAndOpenIt();
        click(provider, By.cssSelector("[data-testid=offer-card][data-state=PENDING] [data-testid=accept]"));
        click(provider, By.cssSelector("[data-testid=offer-card][data-state=ACCEPTED] [data-testid=en-route]:enabled"));

        waitUntil(provider, d -> d.findElement(By.cssSelector("[data-testid=job-state]")).getText().contains("EN ROUTE"));
        waitUntil(provider, d -> !d.findElement(By.cssSelector("[data-testid=en-route]")).isEnabled());
        waitUntil(provider, d -> d.findElement(By.cssSelector("[data-testid=card-message]")).getText()
                .contains("Position unavailable"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=history]")).getText()
                .contains("provider:P-NEAR: en-route — position unavailable"));
        var alert = TestClients.get(running.http("/api/alerts/" + alertId), RunningServer.ADMIN_TOKEN);
        assertFalse(alert.body().contains("m from the resident"), alert.body());
        screenshot(provider, "provider-en-route.png");
    }

    @Test
    void aProviderGoesOffDutyOnItsPage() throws Exception {
        signIn(provider, "/provider.html", token("provider", "P-NEAR"));
        By duty = By.cssSelector("[data-testid=duty]");
        waitUntil(provider, d -> "true".equals(d.findElement(duty).getAttribute("data-on-duty")));
        click(provider, duty);
        waitUntil(provider, d -> "false".equals(d.findElement(duty).getAttribute("data-on-duty")));
        waitUntil(provider, d -> d.findElement(By.cssSelector("[data-testid=duty-state]")).getText().contains("OFF DUTY"));
        var status = TestClients.get(running.http("/api/providers/P-NEAR"), RunningServer.ADMIN_TOKEN);
        assertTrue(status.body().contains("OFF_DUTY"), status.body());
    }

    @Test
    void theSupervisorSeesWordsForAnEmptyListAndComplianceAsBars() throws Exception {
        signIn(operator, "/", token("supervisor", "sue"));
        click(operator, By.cssSelector("[data-testid=tab-supervisor]"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=no-escalations]")).getText()
                .contains("Nothing needs a supervisor"));

        TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP), CapturedFrames.watchSos().bytes());
        String id = wait(operator).until(d -> {
            try {
                var list = new io.vertx.core.json.JsonObject(TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).body())
                        .getJsonArray("items");
                return list.isEmpty() ? null : list.getJsonObject(0).getString("id");
            } catch (Exception e) {
                return null;
            }
        });
        assertEquals(200, TestClients.post(running.http("/api/alerts/" + id + "/acknowledge"), RunningServer.ADMIN_TOKEN, "{}")
                .statusCode());

        click(operator, By.cssSelector("[data-testid=tab-sla]"));
        wait(operator).withMessage(() -> "the SLA page says: " + operator.findElement(By.cssSelector("[data-testid=sla-message]")).getText())
                .until(d -> d.findElement(By.cssSelector("[data-testid=sla-message]")).getText().contains("1 alert(s)"));
        WebElement ackBar = wait(operator).until(d ->
                d.findElement(By.cssSelector("[data-testid=sla-overall] [data-testid=sla-bar][data-target=acknowledged]")));
        assertEquals("true", ackBar.getAttribute("data-met"), "acknowledged within seconds meets the 60 s target");
        assertTrue(operator.findElement(By.cssSelector("[data-testid=sla-overall]")).getText().contains("100.0 % of 1"));
        new Select(operator.findElement(By.cssSelector("[data-testid=sla-group]"))).selectByValue("kind");
        click(operator, By.cssSelector("[data-testid=sla-show]"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=sla-groups]")).getText().contains("By kind: SOS"));
        screenshot(operator, "sla-page.png");
    }

    @Test
    void anUntouchedAlertIsHighlightedAndHandedToAnotherSignedInOperator() throws Exception {
        signIn(operator, "/", token("operator", "olga"));
        WebDriver colleague = provider; // the second browser, here a second operator
        signIn(colleague, "/", token("operator", "oscar"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=online]")).getText().contains("oscar"));

        String id = pressSosAndOpenIt();
        By row = By.cssSelector("[data-testid=alert-row][data-alert-id=" + id + "]");
        waitUntil(colleague, d -> "true".equals(d.findElement(row).getAttribute("data-untouched")));
        click(colleague, By.cssSelector("[data-testid=tab-supervisor]"));
        waitUntil(colleague, d -> d.findElement(By.cssSelector("[data-testid=escalations]")).getText().contains("untouched for"));

        By assignee = By.cssSelector("[data-testid=assign-operator]");
        waitUntil(operator, d -> new Select(d.findElement(assignee)).getOptions().stream()
                .anyMatch(o -> "oscar".equals(o.getAttribute("value"))));
        new Select(operator.findElement(assignee)).selectByValue("oscar");
        click(operator, By.cssSelector("[data-testid=assign]"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=assigned-to]")).getText().contains("oscar"));
        click(colleague, By.cssSelector("[data-testid=tab-queue]"));
        waitUntil(colleague, d -> "oscar".equals(d.findElement(row).getAttribute("data-assigned-to")));
        waitUntil(colleague, d -> "false".equals(d.findElement(row).getAttribute("data-untouched")));
    }

    @Test
    void anOperatorOpensAnAlertForAResidentWhoPhoned() throws Exception {
        var team = TestClients.send("PUT", running.http("/api/care/residents/R2/team"), RunningServer.ADMIN_TOKEN,
                "{\"members\":[{\"name\":\"Zhou Min\",\"role\":\"social_worker\",\"phone\":\"+86 131 0000 0007\"}]}");
        assertEquals(200, team.statusCode(), team.body());
        signIn(operator, "/", token("operator", "olga"));
        click(operator, By.cssSelector("[data-testid=phone-call]"));
        waitFor(operator, By.cssSelector("[data-testid=call-resident]")).sendKeys("R2");
        new Select(operator.findElement(By.cssSelector("[data-testid=call-kind]"))).selectByValue("MEDICAL");
        operator.findElement(By.cssSelector("[data-testid=call-note]")).sendKeys("son on the phone: short of breath");
        click(operator, By.cssSelector("[data-testid=call-open]"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=history]")).getText()
                .contains("operator:olga: note \u2014 phoned in: son on the phone: short of breath"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=alert-row][data-kind=MEDICAL]")).isDisplayed());
        assertTrue(operator.findElement(By.cssSelector("[data-testid=resident]")).getText().contains("R2"));
        // The resident's care team stands beside the alert.
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=care-team]")).getText()
                .contains("Zhou Min (social worker, +86 131 0000 0007)"));
    }

    @Test
    void anOperatorFilesMealsForTomorrowForAResidentWhoPhonedAndFollowsTheRequestLive() throws Exception {
        signIn(operator, "/", token("operator", "olga"));
        click(operator, By.cssSelector("[data-testid=phone-call]"));
        waitFor(operator, By.cssSelector("[data-testid=call-resident]")).sendKeys("R1");
        // The catalogue's services are offered beside the alarms once it has loaded.
        waitUntil(operator, d -> !d.findElements(By.cssSelector("[data-testid=call-kind] option[value=meals]")).isEmpty());
        new Select(operator.findElement(By.cssSelector("[data-testid=call-kind]"))).selectByValue("meals");
        WebElement start = operator.findElement(By.cssSelector("[data-testid=call-wanted-start]"));
        assertTrue(start.isEnabled(), "a service takes a wanted time");
        // Tomorrow 11:30 on the operator's clock; the date picker's keyboard order depends on the locale.
        String local = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1) + "T11:30";
        JavascriptExecutor js = (JavascriptExecutor) operator;
        js.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", start, local);
        String expectedStart = (String) js.executeScript("return new Date(arguments[0]).toISOString();", local);
        operator.findElement(By.cssSelector("[data-testid=call-note]")).sendKeys("no salt, daughter phoned");
        click(operator, By.cssSelector("[data-testid=call-open]"));

        By row = By.cssSelector("[data-testid=care-row][data-type=meals]");
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=care]")).isDisplayed());
        waitUntil(operator, d -> "SCHEDULED".equals(d.findElement(row).getAttribute("data-state")));
        JsonObject filed = new JsonObject(TestClients.get(running.http("/api/care/requests?residentId=R1"),
                RunningServer.ADMIN_TOKEN).body()).getJsonArray("items").getJsonObject(0);
        assertEquals("phone", filed.getString("channel"));
        assertEquals(java.time.Instant.parse(expectedStart), java.time.Instant.parse(filed.getString("windowStart")));
        assertEquals(java.time.Instant.parse(expectedStart).plusSeconds(3600), java.time.Instant.parse(filed.getString("windowEnd")));
        assertTrue(filed.getString("requestedBy").contains("olga"), filed.encode());
        assertEquals("no salt, daughter phoned", filed.getString("note"));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=care-detail-state]")).getText().equals("SCHEDULED"));

        // Offered by hand; the meals provider takes it, and the console follows without a click.
        new Select(operator.findElement(By.cssSelector("[data-testid=care-offer-provider]"))).selectByValue("P-MEALS");
        click(operator, By.cssSelector("[data-testid=care-offer]"));
        waitUntil(operator, d -> "OFFERED".equals(d.findElement(row).getAttribute("data-state")));
        var accepted = TestClients.post(running.http("/api/care/requests/" + filed.getString("id") + "/accept"),
                token("provider", "P-MEALS"), "{}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        waitUntil(operator, d -> "ACCEPTED".equals(d.findElement(row).getAttribute("data-state")));
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=care-history]")).getText().contains("P-MEALS"));
        screenshot(operator, "console-services.png");
    }

    @Test
    void aMealsOrganisationTakesARequestOnItsPageAndItsWorkerReportsArrivalWithoutAPositionHonestly() throws Exception {
        var staff = TestClients.send("PUT", running.http("/api/care/providers/P-MEALS/staff"), RunningServer.ADMIN_TOKEN,
                "{\"workers\":[{\"id\":\"W1\",\"name\":\"Liu Yang\"},{\"id\":\"W2\",\"name\":\"Zhao Lan\"}]}");
        assertEquals(200, staff.statusCode(), staff.body());
        var filed = TestClients.post(running.http("/api/care/requests"), token("operator", "olga"),
                "{\"residentId\":\"R1\",\"type\":\"meals\",\"note\":\"no salt\"}");
        assertEquals(201, filed.statusCode(), filed.body());
        String id = new JsonObject(filed.body()).getString("id");

        signIn(provider, "/provider.html", token("provider", "P-MEALS"));
        By card = By.cssSelector("[data-testid=care-card][data-request-id='" + id + "']");
        waitUntil(provider, d -> d.findElement(card).getText().contains("Wang Fang"));
        click(provider, By.cssSelector("[data-testid=care-accept]"));
        waitUntil(provider, d -> "ACCEPTED".equals(d.findElement(card).getAttribute("data-state")));
        new Select(waitFor(provider, By.cssSelector("[data-testid=care-worker]"))).selectByValue("W2");
        click(provider, By.cssSelector("[data-testid=care-assign]"));
        waitUntil(provider, d -> "ASSIGNED".equals(d.findElement(card).getAttribute("data-state")));
        // Headless Chromium has no position: the arrival says so instead of borrowing the resident's.
        click(provider, By.cssSelector("[data-testid=care-arrived]"));
        waitUntil(provider, d -> "ARRIVED".equals(d.findElement(card).getAttribute("data-state")));
        waitUntil(provider, d -> d.findElement(By.cssSelector("[data-testid=care-card-message]")).getText()
                .contains("Position unavailable"));
        click(provider, By.cssSelector("[data-testid=care-completed]"));
        waitUntil(provider, d -> d.findElements(card).isEmpty());

        JsonObject done = new JsonObject(TestClients.get(running.http("/api/care/requests/" + id), RunningServer.ADMIN_TOKEN).body());
        assertEquals("COMPLETED", done.getString("state"));
        assertEquals("W2", done.getString("workerId"));
        assertEquals(null, done.getValue("arrivalDistanceMeters"), "no distance without a position");
        assertTrue(done.getJsonArray("history").encode().contains("without a position (presence not confirmed)"), done.encode());
    }

    @Test
    void locateNowAsksTheWatchForAFixAndTheAlertPageFollowsItsAnswer() throws Exception {
        signIn(operator, "/", token("operator", "olga"));
        try (WatchTerminal watch = new WatchTerminal(running.server.port(GatewayServer.Listener.WATCH_TCP))) {
            assertTrue(watch.sos().contains("AL"), "the SOS is answered");
            By sosRow = By.cssSelector("[data-testid=alert-row][data-kind=SOS]");
            click(operator, sosRow);
            waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=resident]")).getText().contains("pacemaker"));
            click(operator, By.cssSelector("[data-testid=locate]"));
            String command = watch.read();
            assertTrue(command.endsWith("*CR]"), command);
            waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=action-message]")).getText().startsWith("Locate sent"));
            watch.position(30.2810, 120.1620);
            waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=history]")).getText().contains("fresh"));
            waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=detail]")).getText().contains("30.28100, 120.16200"));
        }
    }

    /** Presses SOS on the test watch, opens the alert on the operator console and returns its id. */
    private String pressSosAndOpenIt() throws Exception {
        TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP), CapturedFrames.watchSos().bytes());
        By sosRow = By.cssSelector("[data-testid=alert-row][data-kind=SOS]");
        waitUntil(operator, d -> d.findElement(sosRow).isDisplayed());
        String id = wait(operator).until(d -> d.findElement(sosRow).getAttribute("data-alert-id"));
        click(operator, sosRow);
        waitUntil(operator, d -> d.findElement(By.cssSelector("[data-testid=resident]")).getText().contains("pacemaker"));
        return id;
    }

    private String token(String role, String subject) throws Exception {
        var created = TestClients.post(running.http("/api/tokens"), RunningServer.ADMIN_TOKEN,
                "{\"role\":\"" + role + "\",\"subject\":\"" + subject + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return new io.vertx.core.json.JsonObject(created.body()).getString("token");
    }

    private void signIn(WebDriver driver, String page, String token) {
        driver.get(running.http(page).toString());
        waitFor(driver, By.cssSelector("[data-testid=token]")).sendKeys(token);
        driver.findElement(By.cssSelector("[data-testid=sign-in]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    private static WebElement waitFor(WebDriver driver, By by) {
        return wait(driver).until(ExpectedConditions.elementToBeClickable(by));
    }

    /** The pages re-render on every live change: an element found a moment ago may be gone, so look again. */
    private static WebDriverWait wait(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        return wait;
    }

    private static void waitUntil(WebDriver driver, java.util.function.Function<WebDriver, Boolean> condition) {
        wait(driver).until(condition::apply);
    }

    /** Clicks once the element is there and clickable, trying again if a re-render replaced it. */
    private static void click(WebDriver driver, By by) {
        wait(driver).until(d -> {
            try {
                WebElement element = d.findElement(by);
                if (!element.isDisplayed() || !element.isEnabled()) {
                    return false;
                }
                element.click();
                return true;
            } catch (StaleElementReferenceException | ElementClickInterceptedException e) {
                return false;
            }
        });
    }

    private static void screenshot(WebDriver driver, String name) throws Exception {
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebDriver browser() {
        return HeadlessChromium.open(1400);
    }
}
