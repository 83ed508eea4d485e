package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.VerificationResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the run report: {@code index.html} (charts and the verification) and {@code run.json} (the same data). */
public final class RunReportWriter {

    private RunReportWriter() {
    }

    /** Writes both files into {@code dir} (created if needed) and returns the path of {@code index.html}. */
    public static Path write(RunRecord run, VerificationResult verification, Path dir) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve("run.json");
            RunJson.MAPPER.writeValue(json.toFile(), RunJson.toJson(run, verification));
            Path html = dir.resolve("index.html");
            Files.writeString(html, HtmlReport.render(run, verification), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report to " + dir.toAbsolutePath(), e);
        }
    }
}
