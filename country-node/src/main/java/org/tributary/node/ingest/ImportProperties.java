package org.tributary.node.ingest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param syncThreshold files up to this size are imported while the request waits; larger ones run as a job
 * @param maxReportedErrors cap on row errors kept per job (all are counted)
 * @param maxFileSize largest file accepted
 * @param workDir where uploads wait for their job; deleted when the job ends
 */
@Validated
@ConfigurationProperties("tributary.imports")
record ImportProperties(
        @NotNull DataSize syncThreshold,
        @Min(1) int maxReportedErrors,
        @NotNull DataSize maxFileSize,
        @NotNull Path workDir) {}
