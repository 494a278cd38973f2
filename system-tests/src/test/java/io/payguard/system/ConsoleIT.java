package io.payguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.payment.PaymentVerticle;
import io.payguard.risk.RiskVerticle;
import io.payguard.stack.Ports;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk console in a real browser (Debian's headless chromium through its chromedriver) against both
 * services: sign in, payments posted through the API appear in the live feed, a payment held for review
 * is approved from the queue (and the API says so), a payment's detail, a simulation from the form, a
 * read-only key that is shown only what it may do, and a resolution made elsewhere reaching the queue. Skipped where no chromium is installed, unless
 * PAYGUARD_BROWSER_REQUIRED is set (CI sets it). The screenshot it takes is docs/console.png's source
 * (-Dpayguard.console.screenshot=docs/console.png writes it there).
 */
class ConsoleIT {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String VIEWER_KEY = "viewer-key-" + UUID.randomUUID();

  private static TestStack stack;
  private static Services.Running payment;
  private static Services.Running risk;
  private static ApiClient api;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    if (System.getenv("PAYGUARD_BROWSER_REQUIRED") == null) {
      Assumptions.assumeTrue(installed, "no chromium and chromedriver: apt-get install chromium chromium-driver");
    }
    stack = TestStack.shared();
    int paymentPort = Ports.free();
    int riskPort = Ports.free();
    String keys = "admin:" + TestStack.API_KEY + ",viewer[payments.read]:" + VIEWER_KEY;
    risk = Services.start(stack, "risk", RiskVerticle::new, Map.of("PAYGUARD_API_KEYS", keys,
      "PAYGUARD_HTTP_CORS_ORIGINS", "http://127.0.0.1:" + paymentPort), riskPort);
    payment = Services.start(stack, "payment", PaymentVerticle::new, Map.of("PAYGUARD_API_KEYS", keys,
      "PAYGUARD_CONSOLE_RISK_URL", risk.baseUrl()), paymentPort);
    api = new ApiClient(payment.baseUrl());

    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
      .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1500",
        "--disable-gpu");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
      .usingAnyFreePort().build(), options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (payment != null) {
      payment.close();
    }
    if (risk != null) {
      risk.close();
    }
  }

  private static WebDriverWait await(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static void signIn(String key) {
    browser.get(payment.baseUrl() + "/console");
    WebElement field = await(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    field.clear();
    field.sendKeys(key);
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
  }

  private static String pay(String payer, String payee, String method, String amount) throws Exception {
    ApiClient.Reply reply = api.post("/payments", Map.of("user_id", payer, "payee_id", payee,
      "payment_method_id", method, "amount", amount, "currency", "EUR"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("payment_request_id").asText();
  }

  private static String user() throws Exception {
    return api.post("/users", Map.of("first_name", "Console", "last_name", "Test")).json().get("user_id").asText();
  }

  @Test
  void anAnalystWatchesDecisionsWorksTheReviewQueueAndTriesARuleChange() throws Exception {
    signIn("not-a-key-" + UUID.randomUUID());
    WebElement error = await(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
    assertThat(error.getText()).isEqualTo("That API key is not valid.");

    signIn(TestStack.API_KEY);
    await(15).until(ExpectedConditions.textToBe(By.id("who-name"), "admin"));
    await(15).until(ExpectedConditions.textToBe(By.id("stream-state"), "live"));
    await(15).until(d -> !d.findElement(By.id("rules-version")).getText().equals("…"));
    assertThat(browser.findElement(By.id("rules-version")).getText())
      .isEqualTo(new ApiClient(risk.baseUrl()).get("/rules").json().get("version").asText());

    // Payments through the API: they appear in the feed as they are decided.
    String method = api.post("/payment_methods", Map.of("name", "card")).json().get("payment_method_id").asText();
    List<String> approved = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      approved.add(pay(user(), user(), method, (12 + i) + ".50"));
    }
    String held = pay(user(), user(), method, "6000.00");
    for (String id : approved) {
      await(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feed tr[data-payment='" + id + "']")));
    }
    WebElement heldRow = await(20).until(ExpectedConditions.presenceOfElementLocated(
      By.cssSelector("#feed tr[data-payment='" + held + "']")));
    assertThat(heldRow.getText()).contains("6000.00 EUR", "REVIEW", "AMOUNT_OVER_LIMIT");
    assertThat(Integer.parseInt(browser.findElement(By.id("count-approved")).getText())).isGreaterThanOrEqualTo(5);

    // The held payment is in the review queue, with its reasons; approve it with a note.
    WebElement item = await(20).until(ExpectedConditions.presenceOfElementLocated(
      By.cssSelector("#queue-list li[data-payment='" + held + "']")));
    assertThat(item.getText()).contains("AMOUNT_OVER_LIMIT");
    item.findElement(By.id("note-" + held)).sendKeys("called the payer, known customer");

    // The rules: the candidate (the rules in force) simulated from the form.
    WebElement last = browser.findElement(By.id("last"));
    last.clear();
    last.sendKeys("50");
    browser.findElement(By.cssSelector("#simulate-form button[type=submit]")).click();
    WebElement summary = await(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("simulation-summary")));
    assertThat(summary.getText()).matches("0 of \\d+ decisions would change \\(0 scores\\); candidate rules-[0-9a-f]+\\.");
    screenshot();

    item.findElement(By.cssSelector("button[data-action=approve]")).click();
    await(15).until(ExpectedConditions.numberOfElementsToBe(
      By.cssSelector("#queue-list li[data-payment='" + held + "']"), 0));
    JsonNode resolved = api.get("/payments/" + held).json();
    assertThat(resolved.get("status").asText()).isEqualTo("APPROVED");
    assertThat(resolved.get("resolved_by_key").asText()).isEqualTo("admin");
    assertThat(resolved.get("resolution_note").asText()).isEqualTo("called the payer, known customer");

    // A payment's detail: its assessment and its status history.
    browser.findElement(By.cssSelector("#feed tr[data-payment='" + held + "']")).click();
    await(15).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-body"), "Status history"));
    await(15).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-body"), "REVIEW → APPROVED"));
    assertThat(browser.findElement(By.id("detail-body")).getText()).contains("AMOUNT_OVER_LIMIT", "40",
      "called the payer");

    // A read-only key sees the feed and the queue, but no approve button and no simulation form.
    String other = pay(user(), user(), method, "7000.00");
    browser.findElement(By.id("sign-out")).click();
    signIn(VIEWER_KEY);
    await(15).until(ExpectedConditions.textToBe(By.id("who-name"), "viewer"));
    WebElement readOnly = await(20).until(ExpectedConditions.presenceOfElementLocated(
      By.cssSelector("#queue-list li[data-payment='" + other + "']")));
    assertThat(readOnly.findElements(By.cssSelector("button[data-action]"))).isEmpty();
    assertThat(browser.findElement(By.id("simulate-form")).isDisplayed()).isFalse();

    // Resolved elsewhere (another console, a program): this console's queue and feed follow at once.
    assertThat(api.post("/payments/" + other + "/decline", Map.of("reason", "declined by another analyst"))
      .status()).isEqualTo(200);
    await(10).until(ExpectedConditions.numberOfElementsToBe(
      By.cssSelector("#queue-list li[data-payment='" + other + "']"), 0));
    await(10).until(ExpectedConditions.textToBePresentInElementLocated(
      By.cssSelector("#feed tbody tr:first-child"), "DECLINED"));
  }

  /** The console with live data, for docs/console.png. */
  private static void screenshot() throws Exception {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Path target = Path.of("target", "console.png");
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getProperty("payguard.console.screenshot");
    if (docs != null) {
      Files.copy(shot, Services.projectRoot().resolve(docs), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
