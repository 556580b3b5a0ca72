package org.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}; {@code .ci/run} installs them) for
 * the web application's tests: one browser per person, so that each has their own cookies. Never skipped: without
 * the browser the test fails and says what to install.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * Finds every character of the page's text that the fonts cannot draw: each is drawn alone on a canvas in the
     * page's font and compared with the box drawn for a code point no font has (U+10FFFD). Returns them.
     */
    static final String MISSING_GLYPHS = """
            const text = document.body.innerText;
            const font = getComputedStyle(document.body).fontFamily;
            const canvas = document.createElement('canvas');
            canvas.width = 64; canvas.height = 64;
            const g = canvas.getContext('2d', { willReadFrequently: true });
            const draw = (s) => {
              g.clearRect(0, 0, 64, 64); g.font = '32px ' + font; g.fillStyle = '#000';
              g.fillText(s, 8, 44); return g.getImageData(0, 0, 64, 64).data.join(',');
            };
            const box = draw(String.fromCodePoint(0x10FFFD));
            const missing = [];
            for (const ch of new Set(Array.from(text))) {
              if (/[\\s\\p{M}\\p{Cf}]/u.test(ch)) continue;
              if (draw(ch) === box) missing.push(ch);
            }
            return missing.join('');
            """;

    final ChromeDriver driver;
    final WebDriverWait wait;
    final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    static Browser open(String gatewayUrl, String language) {
        Path chromium = Path.of(System.getenv().getOrDefault("TRIBUTARY_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("TRIBUTARY_CHROMEDRIVER", "/usr/bin/chromedriver"));
        assertThat(Files.isExecutable(chromium) && Files.isExecutable(chromedriver))
                .as(
                        "The browser tests need Chromium and its driver at %s and %s (Debian: apt-get install chromium"
                                + " chromium-driver fonts-noto-core fonts-noto-cjk; .ci/run does this)",
                        chromium, chromedriver)
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=" + language,
                "--no-first-run",
                "--no-default-browser-check",
                "--password-store=basic",
                // Nothing of Chromium's own that calls out (this machine reaches no Google service) or opens dialogs.
                "--disable-background-networking",
                "--disable-sync",
                "--disable-component-update",
                "--disable-features=PasswordLeakDetection,PasswordManagerOnboarding,AutofillServerCommunication,"
                        + "OptimizationHints,MediaRouter");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "intl.accept_languages", language,
                        "credentials_enable_service", false,
                        "profile.password_manager_enabled", false,
                        "profile.password_manager_leak_detection", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // A page that does not load within this is a failure with its address, not a three-minute driver timeout.
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, gatewayUrl);
    }

    /** Opens a page of the application; without a session the gateway sends the browser to Keycloak's login page. */
    Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /**
     * Signs in on Keycloak's own login page; returns the milliseconds from pressing the button to {@code until}. On
     * this 2-core machine Chromium's form post to Keycloak has been seen to stall until the page-load timeout (no
     * request reached the gateway meanwhile): such a stall is retried once with a fresh sign-in, and printed — a
     * second stall fails the test with a screenshot.
     */
    long signIn(String username, String password, By until) {
        try {
            return signInOnce(username, password, until);
        } catch (org.openqa.selenium.TimeoutException stalled) {
            Path shot = screenshot("sign-in-stalled-" + username);
            System.out.printf(
                    "browser: signing in as %s stalled at %s (screenshot %s); signing in again%n",
                    username, driver.getCurrentUrl(), shot);
            go("/app/");
            try {
                // Keycloak may have signed the person in after all: then the page comes without its form.
                long started = System.nanoTime();
                wait.until(ExpectedConditions.or(
                        ExpectedConditions.visibilityOfElementLocated(By.id("username")),
                        ExpectedConditions.visibilityOfElementLocated(until)));
                if (!driver.findElements(until).isEmpty()) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
                return signInOnce(username, password, until);
            } catch (org.openqa.selenium.TimeoutException again) {
                Path second = screenshot("sign-in-timeout-" + username);
                throw new AssertionError(
                        "Signing in as " + username + " did not reach " + until + " twice; the" + " browser is at "
                                + driver.getCurrentUrl() + " (screenshot " + second + ")",
                        again);
            }
        }
    }

    private long signInOnce(String username, String password, By until) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).contains("/realms/tributary/protocol/openid-connect/auth");
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        long started = System.nanoTime();
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(until));
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** The menu entries the signed-in person sees. */
    List<String> menu() {
        return driver.findElements(By.cssSelector("header nav a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void language(String locale) {
        new Select(driver.findElement(By.id("language"))).selectByValue(locale);
        wait.until(d -> locale.equals(script("return document.documentElement.lang")));
    }

    /** The characters on the page no installed font can draw (empty when every glyph is there). */
    String missingGlyphs() {
        return (String) script(MISSING_GLYPHS);
    }

    /** Writes a screenshot under target/screenshots, after the charts have drawn. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Thread.sleep(500);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the page and its resources weighed on the wire (compressed), in bytes. */
    long transferredBytes() {
        Object total = script("return performance.getEntriesByType('navigation').concat("
                + "performance.getEntriesByType('resource')).reduce((s, e) => s + (e.transferSize || 0), 0)");
        return ((Number) total).longValue();
    }

    /** Downloads a link's target through the browser's own session; returns [status, first bytes as hex]. */
    @SuppressWarnings("unchecked")
    List<Object> fetch(String href) {
        return (List<Object>) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {"
                                + " const b = new Uint8Array(await r.arrayBuffer());"
                                + " done([r.status, Array.from(b.slice(0, 4)).map(x => x.toString(16).padStart(2, '0'))"
                                + ".join(''), b.length, r.headers.get('Content-Type')]); })"
                                + ".catch(e => done([0, String(e), 0, '']));",
                        href);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
