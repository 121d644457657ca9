package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.testing.CapturedFrames;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole story in a real headless Chromium: a device presses SOS, the alert appears on the
 * operator console, the operator acknowledges, the provider page shows the offer, the crew
 * accepts, arrives and completes, and the operator sees it resolved. Screenshots of both
 * pages are saved under target/screenshots.
 */
class BrowserEndToEndTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private RunningServer running;
    private WebDriver operator;
    private WebDriver provider;

    @BeforeEach
    void start() throws Exception {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            String message = "Chromium and chromedriver are needed (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("\n*** SKIPPING the browser test: " + message + " ***\n");
            Assumptions.abort(message);
        }
        running = RunningServer.start(Map.of());
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
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Closed network: no background traffic, no component updates, no sync.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900", "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
