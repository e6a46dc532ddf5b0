package io.nslab.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report in a real browser (Debian's chromium, headless, through the DevTools protocol), opened from disk:
 * no console error, no request but the file itself, a chosen failing cell shows its explanation and marks where the
 * ping stops; a screenshot of each example's report, wide and on a phone, is left in target/report-screenshots.
 */
class ReportBrowserTest {
    static final Path EXAMPLES = Path.of("../examples");
    static final Path SHOTS = Path.of("target/report-screenshots");
    private static Chromium browser;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        var binary = Chromium.find();
        if (binary.isEmpty()) {
            System.out.println("SKIPPED browser test: chromium is not installed (apt-get install chromium; .ci/run installs it)");
        }
        Assumptions.assumeTrue(binary.isPresent(), "chromium is not installed");
        browser = Chromium.start(binary.get());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyExamplesReportOpensCleanlyAndMakesNoRequest() throws Exception {
        for (Path example : examples()) {
            String name = example.getFileName().toString().replace(".yaml", "");
            Path html = tmp.resolve(name + ".html");
            CliRun run = CliRun.of("report", "--sim", example.toString(), "-w", html.toString());
            assertThat(run.exitCode()).as(name + ": " + run.err()).isIn(0, 1);
            String url = html.toUri().toString();
            int requestsBefore = browser.requests().size();
            int errorsBefore = browser.errors().size();
            browser.open(url);
            assertThat(browser.errors().subList(errorsBefore, browser.errors().size())).as(name + ": console").isEmpty();
            assertThat(browser.requests().subList(requestsBefore, browser.requests().size())).as(name + ": requests").containsOnly(url);
            assertThat(browser.eval("document.querySelectorAll('svg.nslab-graph g.node').length")).as(name)
                    .isEqualTo(io.nslab.model.load.LabLoader.load(example).nodes().size());
            // every cell or check can be chosen: the first one shows its text
            if (((Number) browser.eval("document.querySelectorAll('button[data-entry]').length")).intValue() > 0) {
                browser.click("section.lab:last-of-type button[data-entry]");
                assertThat((String) browser.eval("document.querySelector('section.lab:last-of-type aside.explain pre').textContent"))
                        .as(name).startsWith("ping ");
            }
            browser.screenshot(1200, false, SHOTS.resolve(name + ".png"));
            browser.screenshot(390, true, SHOTS.resolve(name + "-phone.png"));
            assertThat(browser.errors().subList(errorsBefore, browser.errors().size())).as(name + ": console after clicks").isEmpty();
        }
    }

    /** The tutorial's story: the first attempt's failing pair explained and its stop marked; the fixed lab all green. */
    @Test
    @SuppressWarnings("unchecked")
    void clickingAFailingCellShowsWhyAndWhere() throws Exception {
        Path html = tmp.resolve("seed-story.html");
        CliRun run = CliRun.of("report", "--sim", "../examples/seed.yaml", "--before", "../examples/seed-broken.yaml", "-w", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        browser.open(html.toUri().toString());
        assertThat(browser.eval("document.querySelectorAll('section.lab').length")).isEqualTo(2);
        assertThat(browser.eval("document.querySelector('section.lab:last-of-type').className")).isEqualTo("lab green");
        assertThat(browser.eval("document.querySelectorAll('section.lab:last-of-type button.fail').length")).isEqualTo(0);
        // the missing routes are marked on the first attempt's picture
        assertThat((List<Object>) browser.eval("Array.from(document.querySelectorAll('section.lab:first-of-type g.node.missing')).map(g => g.dataset.node)"))
                .containsExactly("ns1", "ns2");
        assertThat((String) browser.eval("document.querySelector('.missing').textContent")).contains("ns1: route 10.10.20.0/24 via 10.10.10.1");

        // ns1 -> ns2:v2: refused by ns1's own kernel, no route there
        String cell = "section.lab:first-of-type button.cell.fail[title^='ping ns1 -> ns2:v2']";
        browser.click(cell);
        String text = (String) browser.eval("document.querySelector('section.lab:first-of-type aside.explain pre').textContent");
        assertThat(text).startsWith("ping ns1 -> 10.10.20.2\n").contains("=> no route at ns1 for 10.10.20.2").contains("fix: ");
        assertThat(browser.eval("document.querySelector('section.lab:first-of-type g.node.stop').dataset.node")).isEqualTo("ns1");
        assertThat(browser.eval("document.querySelector(" + JSON.std.asString(cell) + ").classList.contains('chosen')")).isEqualTo(true);

        // an answered pair marks its whole path: both links and all three nodes, no stop
        browser.click("section.lab:last-of-type button.cell.pass[title^='ping ns1 -> ns2:v2']");
        assertThat((List<Object>) browser.eval("Array.from(document.querySelectorAll('section.lab:last-of-type g.on-path')).map(g => g.dataset.node || g.dataset.a)"))
                .containsExactlyInAnyOrder("ns1:v1", "ns2:v2", "ns1", "router", "ns2");
        assertThat(browser.eval("document.querySelectorAll('section.lab:last-of-type g.stop').length")).isEqualTo(0);
        browser.screenshot(1200, false, SHOTS.resolve("seed-story.png"));
        browser.screenshot(390, true, SHOTS.resolve("seed-story-phone.png"));
        browser.printMedia(true);
        assertThat(browser.eval("getComputedStyle(document.querySelector('.print-only')).display")).isEqualTo("block");
        assertThat(browser.eval("getComputedStyle(document.querySelector('aside.explain')).display")).isEqualTo("none");
        browser.screenshot(800, false, SHOTS.resolve("seed-story-print.png"));
        browser.printMedia(false);
        assertThat(browser.errors()).isEmpty();
        // the watch on the console works: an error the page logs is seen
        browser.eval("console.error('self-check')");
        Thread.sleep(200);
        assertThat(browser.errors()).singleElement().asString().contains("self-check");
    }
}
