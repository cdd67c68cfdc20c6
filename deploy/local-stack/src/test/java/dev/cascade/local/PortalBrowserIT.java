package dev.cascade.local;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The portal in a real browser (Debian's headless chromium through its chromedriver) against the whole local stack:
 * a commune clerk logs in through the identity provider, finds the obligation, is refused for a numerator above its
 * denominator (the message next to the field, every typed value kept), submits with a ratio and sees it fulfilled; in
 * a second browser the district reviewer watches the district roll-up change without reloading when a report
 * arrives, returns the clerk's report with a reason; the clerk sees the reason, revises, and the province tree shows
 * the right completeness; the roll-up export, read back with a spreadsheet reader, equals the aggregate. Each page
 * is saved as a screenshot under {@code target/portal-screenshots}.
 * <p>
 * Without chromium the test is skipped, except with {@code CI=true}, where a missing browser fails the run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {

    private static final String PROGRAMME = "TH-GDNN-ANNUAL";
    private static final String PERIOD = "2024";
    /** Communes of Huyện Thanh Hà (294), Tỉnh Hải Dương (30), in the demo plan of seed 001. */
    private static final String CLERK = "reporter-10813";
    private static final String OTHER_CLERK = "reporter-10816";
    private static final String REVIEWER = "reviewer-294";
    private static final String PROVINCE_VIEWER = "viewer-30";
    private static final Path SCREENSHOTS = Path.of("target/portal-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static String portal;
    private static String issuer;
    private static String aggregation;
    private static final List<WebDriver> browsers = new ArrayList<>();
    private static int shot;

    @BeforeAll
    static void start() throws Exception {
        File chromium = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            assertThat(chromium).as("CI=true: Debian's chromium must be installed (.ci/run)").exists();
            assertThat(driver).as("CI=true: Debian's chromium-driver must be installed (.ci/run)").exists();
        }
        assumeTrue(chromium.canExecute() && driver.canExecute(), "no /usr/bin/chromium and /usr/bin/chromedriver");
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(SCREENSHOTS);

        Map<String, String> env = new HashMap<>();
        env.put("CASCADE_HOME", Files.createTempDirectory("cascade-portal-it").toString());
        env.put("CASCADE_KAFKA_PORT", String.valueOf(KafkaAclIT.freePortPair()));
        env.put("CASCADE_MONGODB_PORT", String.valueOf(freePort()));
        env.put("CASCADE_SMTP_PORT", String.valueOf(freePort()));
        env.put("CASCADE_MAILBOX_PORT", String.valueOf(freePort()));
        env.put("CASCADE_IDENTITY_PORT", String.valueOf(freePort()));
        env.put("CASCADE_PORTAL_PORT", String.valueOf(freePort()));
        env.put("CASCADE_CLOCK", StackSettings.BEFORE_REFORM_CLOCK); // district 294's season of 2024
        StackSettings settings = StackSettings.fromEnvironment(env);
        stack = new LocalStack(settings, new PrintStream(System.out, true));
        stack.start();
        portal = "http://localhost:" + settings.portalPort();
        issuer = "http://localhost:" + settings.identityPort();
        aggregation = stack.services().url(CascadeServices.Service.AGGREGATION);
        // the stack is ready when its services are; the demo plan's obligations open a moment later
        String report = stack.services().url(CascadeServices.Service.REPORT);
        org.awaitility.Awaitility.await("the demo plan's obligations open").atMost(WAIT)
                .until(() -> get(report + "/obligations?unit=10813", CLERK).contains(PROGRAMME));
    }

    @AfterAll
    static void stop() {
        browsers.forEach(WebDriver::quit);
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void clerkIsRefusedWithTheMessageByTheFieldAndKeepsEveryTypedValue() throws Exception {
        WebDriver clerk = loggedIn(CLERK);
        screenshot(clerk, "my-work");
        WebElement row = clerk.findElement(By.cssSelector("#obligations tbody tr"));
        assertThat(row.getAttribute("data-status")).isEqualTo("OPEN");
        assertThat(row.getText()).contains("10/12/2024").contains("Đang mở");
        row.findElement(By.tagName("a")).click();
        present(clerk, By.id("report-form"));

        type(clerk, "values.GDNN_INTAKE_RATE.numerator", "250");
        type(clerk, "values.GDNN_INTAKE_RATE.denominator", "200");
        type(clerk, "values.GDNN_NEW_ENROLMENT.value", "35");
        type(clerk, "values.GDNN_GRADUATES.value", "28");
        type(clerk, "values.RURAL_WORKERS_TRAINED.value", "140");
        type(clerk, "narrative.results", "Đã tuyển sinh 35 người");
        // the percentage is shown as it is typed
        wait(clerk).until(d -> "125 %".equals(text(d, "pct-GDNN_INTAKE_RATE")));
        clerk.findElement(By.id("submit")).click();

        present(clerk, By.id("form-errors"));
        screenshot(clerk, "report-form-refused");
        assertThat(clerk.findElement(By.id("err-values.GDNN_INTAKE_RATE.numerator")).getText())
                .isEqualTo("Tử số không được lớn hơn mẫu số.");
        assertThat(value(clerk, "values.GDNN_INTAKE_RATE.numerator")).isEqualTo("250");
        assertThat(value(clerk, "values.GDNN_INTAKE_RATE.denominator")).isEqualTo("200");
        assertThat(value(clerk, "values.GDNN_NEW_ENROLMENT.value")).isEqualTo("35");
        assertThat(value(clerk, "values.GDNN_GRADUATES.value")).isEqualTo("28");
        assertThat(value(clerk, "values.RURAL_WORKERS_TRAINED.value")).isEqualTo("140");
        assertThat(value(clerk, "narrative.results")).isEqualTo("Đã tuyển sinh 35 người");
        assertThat(clerk.findElement(By.id("obligation-status")).getText()).isEqualTo("Đang mở");
    }

    @Test
    @Order(2)
    void reviewerSeesTheDistrictChangeLiveWhenTheClerkSubmits() throws Exception {
        WebDriver reviewer = loggedIn(REVIEWER);
        open(reviewer, "/rollup/" + PROGRAMME + "/" + PERIOD + "/294", By.id("received"));
        assertThat(text(reviewer, "received")).isEqualTo("0 / 16");
        ((JavascriptExecutor) reviewer).executeScript("window.cascadeNoReload = 'still here';");

        WebDriver clerk = browsers.get(0);
        type(clerk, "values.GDNN_INTAKE_RATE.numerator", "150");
        clerk.findElement(By.id("submit")).click();
        present(clerk, By.id("notice"));
        screenshot(clerk, "report-form-sent");
        assertThat(text(clerk, "notice")).isEqualTo("Đã gửi báo cáo (phiên bản 1), đúng hạn.");
        assertThat(text(clerk, "obligation-status")).isEqualTo("Đã nộp đúng hạn");
        assertThat(text(clerk, "report-status")).isEqualTo("Chờ thẩm định");

        // the reviewer's page changes by itself: the same window, no reload
        wait(reviewer).until(d -> "1 / 16".equals(text(d, "received")));
        assertThat(((JavascriptExecutor) reviewer).executeScript("return window.cascadeNoReload;"))
                .isEqualTo("still here");
        String ratio = wait(reviewer).until(
                d -> d.findElement(By.cssSelector("#values tr[data-indicator='GDNN_INTAKE_RATE'] td")).getText());
        assertThat(ratio).isEqualTo("75 %");
        String missing = wait(reviewer).until(d -> d.findElement(By.id("missing")).getText());
        assertThat(missing).contains("Xã Hồng Lạc (10816)").doesNotContain("(10813)");
        screenshot(reviewer, "rollup-district");
    }

    @Test
    @Order(3)
    void reviewerReturnsAndTheClerkSeesTheReasonAndRevises() throws Exception {
        WebDriver reviewer = browsers.get(1);
        WebElement waiting = open(reviewer, "/review", By.cssSelector(".waiting[data-unit='10813']"));
        screenshot(reviewer, "review");
        waiting.findElement(By.cssSelector("form.return input[name='reason']"))
                .sendKeys("Số người tốt nghiệp chưa khớp sổ theo dõi");
        waiting.findElement(By.cssSelector(".return-button")).click();
        present(reviewer, By.id("notice"));
        assertThat(reviewer.findElements(By.cssSelector(".waiting[data-unit='10813']"))).isEmpty();

        WebDriver clerk = browsers.get(0);
        WebElement row = open(clerk, "/", By.cssSelector("#obligations tbody tr"));
        assertThat(row.getAttribute("data-status")).isEqualTo("RETURNED");
        assertThat(row.getText()).contains("Bị trả lại: Số người tốt nghiệp chưa khớp sổ theo dõi");
        row.findElement(By.tagName("a")).click();
        present(clerk, By.id("return-reason"));
        assertThat(text(clerk, "return-reason")).contains("Số người tốt nghiệp chưa khớp sổ theo dõi");
        // the revision starts from what was sent
        assertThat(value(clerk, "values.GDNN_GRADUATES.value")).isEqualTo("28");
        type(clerk, "values.GDNN_GRADUATES.value", "30");
        clerk.findElement(By.id("submit")).click();
        present(clerk, By.id("notice"));
        assertThat(text(clerk, "notice")).isEqualTo("Đã gửi báo cáo (phiên bản 2), đúng hạn.");
        assertThat(text(clerk, "report-status")).isEqualTo("Chờ thẩm định");
        assertThat(text(clerk, "changes")).contains("28").contains("30");
        screenshot(clerk, "report-form-revised");

        // a second commune reports, and the province's tree counts both
        WebDriver other = loggedIn(OTHER_CLERK);
        open(other, "/obligations/" + PROGRAMME + "/" + PERIOD + "/10816", By.id("report-form"));
        type(other, "values.GDNN_INTAKE_RATE.numerator", "40");
        type(other, "values.GDNN_INTAKE_RATE.denominator", "100");
        type(other, "values.GDNN_NEW_ENROLMENT.value", "12");
        type(other, "values.GDNN_GRADUATES.value", "9");
        type(other, "values.RURAL_WORKERS_TRAINED.value", "60");
        other.findElement(By.id("submit")).click();
        present(other, By.id("notice"));

        WebDriver province = loggedIn(PROVINCE_VIEWER);
        province.get(portal + "/rollup/" + PROGRAMME + "/" + PERIOD + "/30");
        wait(province).until(d -> "2 / 16".equals(text(d, "received")));
        assertThat(text(province, "on-time")).isEqualTo("2");
        assertThat(text(province, "missing-count")).isEqualTo("14");
        String districtRow = wait(province).until(
                d -> d.findElement(By.cssSelector("#children tr[data-unit='294']")).getText());
        assertThat(districtRow).contains("2 / 16");
        screenshot(province, "rollup-province");
        // drill down to the district
        String drill = wait(province).until(
                d -> d.findElement(By.cssSelector("#children tr[data-unit='294'] a")).getDomAttribute("href"));
        assertThat(drill).isEqualTo("/rollup/" + PROGRAMME + "/" + PERIOD + "/294");
        open(province, drill, By.id("received"));
        assertThat(text(province, "received")).isEqualTo("2 / 16");
    }

    @Test
    @Order(4)
    void theRollupExportEqualsTheAggregate() throws Exception {
        WebDriver reviewer = browsers.get(1);
        String session = reviewer.manage().getCookieNamed("CASCADE_PORTAL_SESSION").getValue();
        HttpResponse<byte[]> export = districtExport("", session);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        JsonNode aggregate = aggregate("294");
        List<Row> rows = rows(export.body());
        Row header = startingWith(rows, "STT");
        Row total = startingWith(rows, "Tổng cộng");
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < header.getCellCount(); c++) {
            columns.put(text(header, c), c);
        }
        JsonNode completeness = aggregate.path("completeness");
        assertThat(number(total, columns.get("Đã nhận"))).isEqualByComparingTo(completeness.path("received").decimalValue());
        assertThat(number(total, columns.get("Dự kiến"))).isEqualByComparingTo(completeness.path("expected").decimalValue());
        assertThat(number(total, columns.get("Đúng hạn"))).isEqualByComparingTo(completeness.path("onTime").decimalValue());
        int firstIndicator = columns.get("Chưa gửi") + 1;
        List<String> codes = List.of("GDNN_INTAKE_RATE", "GDNN_NEW_ENROLMENT", "GDNN_GRADUATES", "RURAL_WORKERS_TRAINED");
        for (int i = 0; i < codes.size(); i++) {
            assertThat(number(total, firstIndicator + i)).as(codes.get(i))
                    .isEqualByComparingTo(aggregate.path("values").path(codes.get(i)).path("value").decimalValue());
        }
        // 10813 revised: 150/200 and 30 graduates; 10816: 40/100 and 9; the district: 190/300 = 63.33 %, 39
        assertThat(number(total, firstIndicator)).isEqualByComparingTo("63.33");
        assertThat(number(total, firstIndicator + 2)).isEqualByComparingTo("39");
        Map<String, Row> byUnit = rows.stream().filter(r -> r.getCellCount() > 1 && text(r, 1) != null)
                .collect(Collectors.toMap(r -> text(r, 1), r -> r, (a, b) -> a));
        assertThat(number(byUnit.get("10813"), firstIndicator + 2)).isEqualByComparingTo("30");
        assertThat(number(byUnit.get("10816"), firstIndicator + 1)).isEqualByComparingTo("12");

        // every reporting unit beneath the district: the two that reported with their figures, the 14 others
        HttpResponse<byte[]> every = districtExport("?rows=reporting", session);
        assertThat(every.statusCode()).isEqualTo(200);
        rows = rows(every.body());
        int headerRow = rows.indexOf(startingWith(rows, "STT"));
        int totalRow = rows.indexOf(startingWith(rows, "Tổng cộng"));
        List<Row> units = rows.subList(headerRow + 1, totalRow);
        assertThat(units).hasSize(16);
        Map<String, Row> communes = units.stream().collect(Collectors.toMap(r -> text(r, 1), r -> r));
        assertThat(text(communes.get("10825"), 2)).isEqualTo("Xã Tân Việt");
        assertThat(number(communes.get("10813"), firstIndicator + 2)).isEqualByComparingTo("30");
        assertThat(number(communes.get("10816"), firstIndicator + 2)).isEqualByComparingTo("9");
        Row silent = communes.get("10825");
        assertThat(firstIndicator + 2 < silent.getCellCount() ? silent.getCellText(firstIndicator + 2) : "").isEmpty();
    }

    @Test
    @Order(5)
    void plansAndInboxPages() throws Exception {
        WebDriver reviewer = browsers.get(1);
        WebElement link = open(reviewer, "/plans",
                By.xpath("//table[@id='plans']//a[text()='CT21/KH-UBND']"));
        screenshot(reviewer, "plans");
        link.click();
        present(reviewer, By.id("schedule"));
        assertThat(reviewer.findElement(By.cssSelector("#schedule tbody")).getText()).contains("2024")
                .contains("10/12/2024");
        assertThat(text(reviewer, "basis")).contains("2625/KH-UBND").contains("21-CT/TW");
        screenshot(reviewer, "plan");
        // a commune that has not reported: its clerk's reminder ("còn 3 ngày") is in the inbox, linking to the form
        WebDriver silent = loggedIn("reporter-10825");
        silent.get(portal + "/inbox");
        // the list is replaced when the live stream opens: read it inside the wait
        By reminder = By.cssSelector("article.item[data-kind='REMINDER_3_DAYS_BEFORE']");
        String subject = wait(silent).until(d -> d.findElement(reminder).findElement(By.tagName("h2")).getText());
        assertThat(subject).contains("Nhắc hạn báo cáo").contains("10/12/2024");
        String act = wait(silent).until(d -> d.findElement(reminder).findElement(By.cssSelector("a.act"))
                .getDomAttribute("href"));
        assertThat(act).isEqualTo(portal + "/obligations/" + PROGRAMME + "/" + PERIOD + "/10825");
        screenshot(silent, "inbox");
        silent.get(act);
        present(silent, By.id("report-form"));
        assertThat(text(silent, "unit-name")).isEqualTo("Xã Tân Việt (10825)");
        // logging out ends the session at the identity provider too: the next visit asks for the password again
        WebDriver clerk = browsers.get(0);
        clerk.get(portal + "/");
        wait(clerk).until(ExpectedConditions.elementToBeClickable(By.cssSelector("header.top form button"))).click();
        wait(clerk).until(d -> d.getCurrentUrl().equals(portal + "/signed-out"));
        clerk.findElement(By.id("login-again")).click();
        present(clerk, By.id("username"));
        assertThat(clerk.getCurrentUrl()).isEqualTo(issuer + "/login");

        open(reviewer, "/rollup?lang=en", By.id("programmes"));
        assertThat(reviewer.findElement(By.tagName("h1")).getText()).isEqualTo("Roll-ups");
        screenshot(reviewer, "rollup-choose-en");
    }

    // helpers

    private static WebDriver loggedIn(String user) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1600", "--lang=vi",
                "--user-data-dir=" + Files.createTempDirectory("cascade-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.get(portal + "/");
        // the identity provider's login form
        present(browser, By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        if (shot == 0) {
            screenshot(browser, "login");
        }
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        present(browser, By.cssSelector("header.top .person"));
        assertThat(browser.getCurrentUrl()).startsWith(portal);
        return browser;
    }

    private static WebDriverWait wait(WebDriver browser) {
        // live pages replace their body when a report arrives: an element found a moment ago may be gone
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** The element, once the page shows it. */
    private static WebElement present(WebDriver browser, By element) {
        return wait(browser).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Goes to the portal's {@code path} and waits for {@code element} on the page. */
    private static WebElement open(WebDriver browser, String path, By element) {
        browser.get(portal + path);
        return present(browser, element);
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String value(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    private static String text(WebDriver browser, String id) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.id(id));
                return found.isEmpty() ? null : found.get(0).getText().trim();
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, name)), png);
    }

    private static String text(Row row, int column) {
        if (column >= row.getCellCount()) {
            return null;
        }
        Cell cell = row.getCell(column);
        return cell == null ? null : cell.getText();
    }

    /** District 294's roll-up export ({@code query} appended: "" or "?…"), downloaded in the portal session. */
    private static HttpResponse<byte[]> districtExport(String query, String session) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        portal + "/rollup/" + PROGRAMME + "/" + PERIOD + "/294/export.xlsx" + query))
                .header("Cookie", "CASCADE_PORTAL_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The rows of a workbook's first sheet. */
    private static List<Row> rows(byte[] xlsx) throws Exception {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return workbook.getFirstSheet().read();
        }
    }

    /** The first row whose first cell is {@code first}. */
    private static Row startingWith(List<Row> rows, String first) {
        return rows.stream().filter(r -> first.equals(text(r, 0))).findFirst().orElseThrow();
    }

    private static BigDecimal number(Row row, int column) {
        return row.getCellAsNumber(column).orElseThrow(() -> new AssertionError("no number in column " + column));
    }

    private static JsonNode aggregate(String unit) throws Exception {
        return JsonMapper.builder().build().readTree(get(aggregation + "/aggregates/" + PROGRAMME + "/" + PERIOD + "/"
                + unit, REVIEWER));
    }

    /** A service's answer to a GET with the demo user's token. */
    private static String get(String url, String user) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", new DemoTokens(issuer).bearer(user)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
