package org.tributary.node.ingest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    /**
     * One import at a time: imports are bulk upserts by externalRef, and two files racing on the same cases would
     * only deadlock or overwrite each other. A bounded queue refuses floods instead of filling the disk.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService importExecutor() {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(50),
                new CustomizableThreadFactory("import-"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** The reader half of the one running import: parses and checks rows while the import thread writes. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService importReaderExecutor() {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(1),
                new CustomizableThreadFactory("import-reader-"),
                new ThreadPoolExecutor.AbortPolicy());
    }
}
