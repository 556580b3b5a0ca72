package org.tributary.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop HTTP load client: {@code connections} workers, each with its own HTTP/1.1 connection, send GET
 * requests with a bearer token back to back for {@code seconds}. Prints requests/s, p50 and p99 latency, and the
 * count of non-2xx answers, as one line: {@code label rps p50_ms p99_ms errors}. With a seventh argument, each request
 * is a POST of that JSON body instead.
 *
 * <pre>java -cp bench.jar org.tributary.bench.LoadClient label url token connections seconds warmupSeconds [json]</pre>
 */
public final class LoadClient {

    private LoadClient() {}

    public static void main(String[] args) throws Exception {
        String label = args[0];
        URI url = URI.create(args[1]);
        String token = args[2];
        int connections = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        String body = args.length > 6 ? args[6] : null;
        run(url, token, body, connections, warmup); // warm-up, discarded
        Result r = run(url, token, body, connections, seconds);
        System.out.printf(
                "%s %.1f %.2f %.2f %d%n", label, r.requests() / (double) seconds, r.p(50), r.p(99), r.errors());
    }

    record Result(long[] nanos, int requests, int errors) {
        double p(int percentile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, i)] / 1e6;
        }
    }

    static Result run(URI url, String token, String body, int connections, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> results = new ArrayList<>();
        int[] errors = new int[connections];
        for (int w = 0; w < connections; w++) {
            int worker = w;
            results.add(workers.submit(() -> {
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30));
                HttpRequest request = body == null
                        ? builder.GET().build()
                        : builder.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                long[] samples = new long[1 << 16];
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - start;
                    if (response.statusCode() / 100 != 2) {
                        errors[worker]++;
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = took;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<long[]> all = new ArrayList<>();
        int total = 0;
        for (Future<long[]> f : results) {
            long[] s = f.get();
            all.add(s);
            total += s.length;
        }
        workers.shutdown();
        long[] merged = new long[total];
        int at = 0;
        for (long[] s : all) {
            System.arraycopy(s, 0, merged, at, s.length);
            at += s.length;
        }
        Arrays.sort(merged);
        return new Result(merged, total, Arrays.stream(errors).sum());
    }
}
