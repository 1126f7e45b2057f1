package kr.hiway.gateway.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as its tests use it: the sign-in form, the filter, the views (each load is awaited
 * through the {@code data-loaded} counter the page sets), what the page shows, its downloads and
 * full-page screenshots. Not thread-safe.
 */
final class ConsolePage {

  private final ChromeDriver browser;
  private final String base;
  private final Path downloads;
  private final Path screenshots;
  private final WebDriverWait wait;

  ConsolePage(ChromeDriver browser, String base, Path downloads, Path screenshots)
      throws IOException {
    this.browser = browser;
    this.base = base;
    this.downloads = downloads;
    this.screenshots = Files.createDirectories(screenshots);
    // A view re-renders while it loads: an element found just before may be replaced; look again.
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  /** Waits until the condition holds (or gives a value), at most 20 seconds. */
  <T> T await(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  void signInThroughForm(String user) {
    wait.until(d -> d.getCurrentUrl().contains("/login"));
    screenshot("0-sign-in-form");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().startsWith(base + "/console/") && !text("#app").isEmpty());
  }

  /** Sets the filter form to exactly these values, applies it and waits for the entries. */
  void filter(Map<String, String> values) {
    if (!browser.getCurrentUrl().endsWith("#events")) {
      open("events");
    }
    for (String field :
        List.of("from", "to", "hospital", "recipient", "purpose", "consent", "patient")) {
      WebElement input = browser.findElement(By.name(field));
      input.clear();
      if (values.containsKey(field)) {
        input.sendKeys(values.get(field));
      }
    }
    new Select(browser.findElement(By.name("type"))).selectByValue(values.getOrDefault("type", ""));
    String loaded = loaded("events");
    browser.findElement(By.id("filter-apply")).click();
    awaitLoaded("events", loaded);
  }

  void open(String view) {
    String loaded = loaded(view);
    browser.findElement(By.cssSelector("nav a[href='#" + view + "']")).click();
    awaitLoaded(view, loaded);
  }

  /** When the view last finished loading (set by the page after every successful load). */
  String loaded(String view) {
    String value = browser.findElement(By.id("view-" + view)).getAttribute("data-loaded");
    return value == null ? "" : value;
  }

  void awaitLoaded(String view, String before) {
    wait.until(d -> {
      String now = loaded(view);
      return !now.isEmpty() && !now.equals(before);
    });
  }

  void awaitRows() {
    wait.until(d -> !d.findElements(By.cssSelector("#events tbody tr")).isEmpty());
  }

  WebElement awaitStatus(String selector) {
    wait.until(d -> {
      String status = attribute(selector, "data-status");
      return status != null && !status.isEmpty();
    });
    return browser.findElement(By.cssSelector(selector));
  }

  WebElement visible(String selector) {
    return wait.until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(selector));
      return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    });
  }

  List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#events tbody tr"));
  }

  List<String> column(int n) {
    return rows().stream()
        .map(r -> r.findElement(By.cssSelector("td:nth-child(" + n + ")")).getText())
        .toList();
  }

  List<String> attributes(String selector, String name) {
    return browser.findElements(By.cssSelector(selector)).stream()
        .map(e -> e.getAttribute(name))
        .toList();
  }

  String text(String selector) {
    return browser.findElement(By.cssSelector(selector)).getText();
  }

  String attribute(String selector, String name) {
    return browser.findElement(By.cssSelector(selector)).getAttribute(name);
  }

  /** A chart's bars as key to the count written on them. */
  Map<String, String> barCounts(String chart) {
    Map<String, String> out = new TreeMap<>();
    for (WebElement g : browser.findElements(By.cssSelector("#" + chart + " g[data-key]"))) {
      List<WebElement> count = g.findElements(By.cssSelector("text.count"));
      if (!count.isEmpty()) {
        out.put(g.getAttribute("data-key"), count.get(0).getText());
      }
    }
    return out;
  }

  List<String> download(String name) throws Exception {
    Path file = downloads.resolve(name);
    wait.until(d -> Files.exists(file) && !Files.exists(file.resolveSibling(name + ".crdownload")));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Files.delete(file);
    return lines;
  }

  /** The whole page, however long, as a laptop-wide screenshot. */
  void screenshot(String name) {
    Dimension laptop = browser.manage().window().getSize();
    long height =
        (Long)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
    try {
      browser
          .manage()
          .window()
          .setSize(new Dimension(laptop.width, (int) Math.max(laptop.height, height + 140)));
      Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      browser.manage().window().setSize(laptop);
    }
  }
}
